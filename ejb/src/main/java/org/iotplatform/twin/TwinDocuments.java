package org.iotplatform.twin;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Twin documents as JSON: parsing with the rules IoT Hub has (objects, at most {@value #MAX_BYTES}
 * bytes, {@value #MAX_DEPTH} levels, no member names starting with {@code $} but {@code $version}, which
 * is ignored in patches), and RFC 7396 merge patches ({@code null} removes a member).
 */
final class TwinDocuments {

    static final int MAX_BYTES = 32 * 1024;
    static final int MAX_DEPTH = 10;
    static final String VERSION = "$version";
    /** Looked up once: {@code Json.create...} finds the provider on every call, slowly on Payara. */
    static final JsonProvider JSON = JsonProvider.provider();

    private TwinDocuments() {}

    /** A patch from the back end or a device: a JSON object with allowed names; {@code $version} dropped. */
    static JsonObject patch(String text, String what) {
        JsonValue value;
        try {
            value = JSON.createReader(new StringReader(text)).readValue();
        } catch (JsonException e) {
            throw new InvalidTwinException(what + " is not JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidTwinException(what + " must be a JSON object");
        }
        JsonObject patch = without(value.asJsonObject(), VERSION);
        check(patch, what, 1);
        return patch;
    }

    /** {@code target} with {@code patch} merged in; refused when the result grows over the size limit. */
    static JsonObject merge(String target, JsonObject patch, String what) {
        JsonValue merged = JSON.createMergePatch(patch).apply(parse(target));
        String text = merged.toString();
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidTwinException(what + " would exceed " + MAX_BYTES / 1024 + " KB");
        }
        return merged.asJsonObject();
    }

    static JsonObject parse(String document) {
        return JSON.createReader(new StringReader(document)).readObject();
    }

    /** The document with its version as {@code $version}, as devices and the REST API see it. */
    static JsonObject withVersion(String document, long version) {
        JsonObjectBuilder b = JSON.createObjectBuilder(parse(document));
        return b.add(VERSION, version).build();
    }

    static JsonObject withVersion(JsonObject document, long version) {
        return JSON.createObjectBuilder(document).add(VERSION, version).build();
    }

    private static JsonObject without(JsonObject o, String name) {
        if (!o.containsKey(name)) {
            return o;
        }
        JsonObjectBuilder b = JSON.createObjectBuilder();
        o.forEach((k, v) -> {
            if (!k.equals(name)) {
                b.add(k, v);
            }
        });
        return b.build();
    }

    private static void check(JsonObject o, String what, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidTwinException(what + " nests deeper than " + MAX_DEPTH + " levels");
        }
        for (Map.Entry<String, JsonValue> member : o.entrySet()) {
            String name = member.getKey();
            if (name.isEmpty() || name.startsWith("$") || name.contains(".") || name.contains(" ")) {
                throw new InvalidTwinException(
                        what + ": property name '" + name + "' not allowed (no '$' at the start, no '.' or spaces)");
            }
            if (member.getValue().getValueType() == JsonValue.ValueType.OBJECT) {
                check(member.getValue().asJsonObject(), what, depth + 1);
            }
        }
        if (o.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidTwinException(what + " exceeds " + MAX_BYTES / 1024 + " KB");
        }
    }
}
