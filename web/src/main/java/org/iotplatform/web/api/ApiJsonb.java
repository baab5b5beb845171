package org.iotplatform.web.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one JSON-B configuration of the API, for request and response bodies alike: unknown fields are
 * refused, and so are values of the wrong JSON type. Yasson on its own turns {@code 123} into
 * {@code "123"}, {@code 1.5} into {@code 1}, {@code 99999999999} into a wrapped-around int and
 * {@code 1} into {@code false}, and has no setting against it: the deserializers below replace its
 * own for the scalar types request bodies use. Duplicate keys and nesting are checked before binding,
 * by {@link JsonBodyCheck}.
 */
@Provider
public class ApiJsonb implements ContextResolver<Jsonb> {

    /** Yasson's {@code YassonConfig.FAIL_ON_UNKNOWN_PROPERTIES}, by name: Yasson is Payara's, not a dependency. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    /** Made once, when first needed: a Jsonb is thread-safe and costly to build. */
    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
                .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true)
                .withDeserializers(new Text(), new WholeInt(), new WholeLong(), new Flag(), new Time()));
    }

    /** The API's Jsonb, for resources that bind a body themselves (the device import). */
    public static Jsonb jsonb() {
        return Holder.JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb();
    }

    /** A value of the wrong JSON type; {@link InvalidJsonException#of} names the field it was in. */
    static final class WrongType extends JsonbException {
        WrongType(String message) {
            super(message);
        }
    }

    /** "a string", "an object": what a client sent, in words. */
    static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> ((JsonNumber) value).isIntegral() ? "a number" : "a fractional number";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    // Yasson hands JSON null to these too: null stays null, the resource decides whether it may be.
    // The parser's currentEvent() is not implemented by Yasson's parser; getValue() is.

    private static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue v = parser.getValue();
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw new WrongType("must be a string, not " + kind(v));
            }
            return ((JsonString) v).getString();
        }
    }

    private static Long whole(JsonParser parser, long min, long max) {
        JsonValue v = parser.getValue();
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String range = "must be a whole number from " + min + " to " + max;
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
            throw new WrongType(range + ", not " + kind(v));
        }
        try {
            long n = ((JsonNumber) v).longValueExact();
            if (n >= min && n <= max) {
                return n;
            }
        } catch (ArithmeticException e) {
            // over long's range: refused below like any other out-of-range number
        }
        throw new WrongType(range);
    }

    private static final class WholeInt implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            Long n = whole(parser, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return n == null ? null : n.intValue();
        }
    }

    private static final class WholeLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    private static final class Flag implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue v = parser.getValue();
            return switch (v.getValueType()) {
                case TRUE -> true;
                case FALSE -> false;
                case NULL -> null;
                default -> throw new WrongType("must be true or false, not " + kind(v));
            };
        }
    }

    /** Yasson's own refusal names java.time classes and Yasson settings; this one says what to send. */
    private static final class Time implements JsonbDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue v = parser.getValue();
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            String expected = "must be an ISO-8601 UTC time such as \"2026-11-26T10:00:00Z\"";
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw new WrongType(expected + ", not " + kind(v));
            }
            try {
                return Instant.parse(((JsonString) v).getString());
            } catch (DateTimeParseException e) {
                throw new WrongType(expected);
            }
        }
    }
}
