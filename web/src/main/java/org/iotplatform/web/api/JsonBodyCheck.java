package org.iotplatform.web.api;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every JSON request body, before any resource sees it: well-formed, no key twice in an object, at
 * most {@value #MAX_DEPTH} levels deep, an object or an array where the resource binds one; and any
 * failure of the binding after that answered as {@code 400 invalid-json}.
 * <p>
 * Why here: Jersey's JSON-B reader wraps binding failures in a {@code ProcessingException}, which
 * Jersey hands to no exception mapper (they see only exceptions from resource methods and
 * {@code WebApplicationException}s) but to the servlet container, as a 500. Yasson keeps the last of
 * duplicate keys silently and recurses per level (a few thousand levels overflow the stack), and
 * Parsson's own depth limit (1000) throws a bare {@code RuntimeException}: the streaming check below
 * refuses all of that first. The body is read into memory for it; {@link BodySizeLimit} bounds it.
 */
@Provider
public class JsonBodyCheck implements ReaderInterceptor {

    /** Deeper than any device payload or twin (IoT Hub allows 10 levels), far from stack trouble. */
    static final int MAX_DEPTH = 64;

    /** Made once: finding the JSON-P provider is slow on Payara. */
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        check(body, context.getType());
        context.setInputStream(new ByteArrayInputStream(body));
        try {
            return context.proceed();
        } catch (ProcessingException | JsonbException | JsonException e) {
            throw InvalidJsonException.of(e);
        }
    }

    static boolean isJson(MediaType type) {
        return type != null
                && "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype())
                        || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    /** Refuses a body that no resource should bind; an empty body is left to the resource. */
    static void check(byte[] body, Class<?> target) {
        if (isBlank(body)) {
            return;
        }
        Deque<Set<String>> open = new ArrayDeque<>(); // keys seen per open object; an empty set per array
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (open.isEmpty()) {
                    requireRoot(event, target);
                }
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (open.size() == MAX_DEPTH) {
                            throw new InvalidJsonException("the body nests deeper than " + MAX_DEPTH + " levels");
                        }
                        open.push(event == JsonParser.Event.START_OBJECT ? new HashSet<>() : Set.of());
                    }
                    case END_OBJECT, END_ARRAY -> open.pop();
                    case KEY_NAME -> {
                        if (!open.peek().add(parser.getString())) {
                            throw new InvalidJsonException(
                                    "field '" + parser.getString() + "' appears twice in an object");
                        }
                    }
                    default -> {}
                }
            }
        } catch (JsonParsingException e) {
            throw new InvalidJsonException(InvalidJsonException.malformed(e.getLocation()));
        } catch (JsonException e) {
            throw new InvalidJsonException("the body is not readable JSON");
        }
    }

    private static void requireRoot(JsonParser.Event first, Class<?> target) {
        boolean wantsArray = target.isArray() || Collection.class.isAssignableFrom(target);
        boolean wantsObject = target.isRecord() || Map.class.isAssignableFrom(target);
        if (first == JsonParser.Event.VALUE_NULL) {
            return; // "no body": the resource says what it needs
        }
        if (wantsArray && first != JsonParser.Event.START_ARRAY) {
            throw new InvalidJsonException("the body must be a JSON array");
        }
        if (wantsObject && first != JsonParser.Event.START_OBJECT) {
            throw new InvalidJsonException("the body must be a JSON object");
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
