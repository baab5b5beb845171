package org.iotplatform.web.api;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body that is not the JSON its resource takes, with a reason a client can act on
 * ("field 'tags' must be an object, not a string") and nothing of the parser's or binder's insides.
 * A {@link jakarta.ws.rs.WebApplicationException}, so JAX-RS maps it wherever it is thrown.
 */
public class InvalidJsonException extends BadRequestException {

    // Yasson's messages, the only place it says which property failed (stable since Yasson 1).
    private static final Pattern PROPERTY = Pattern.compile("Unable to deserialize property '([^']*)' because of: ");
    private static final Pattern UNKNOWN = Pattern.compile("Json property (.+) can not be mapped to a class ");
    private static final Pattern POSITION =
            Pattern.compile("Incorrect position for processing type: (.+)\\. Received event: ([A-Z_]+)");
    private static final Pattern COLLECTION = Pattern.compile("java\\.util\\.\\w*(List|Collection|Set|Queue|Deque)\\b");

    public InvalidJsonException(String reason) {
        super(reason);
    }

    /** What a JSON-P or JSON-B failure (or a ProcessingException around one) means for the client. */
    public static InvalidJsonException of(Throwable failure) {
        return new InvalidJsonException(reason(failure));
    }

    static String reason(Throwable failure) {
        List<String> path = List.of();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidJsonException own) {
                return own.getMessage();
            }
            if (t instanceof JsonParsingException parsing) {
                return malformed(parsing.getLocation());
            }
            // Yasson nests "Unable to deserialize property 'a' because of: Unable to ... 'b' because of: <why>"
            // and repeats the inner part in each cause: the outermost message has the whole path.
            String message = t.getMessage() == null ? "" : t.getMessage();
            List<String> fields = new ArrayList<>();
            Matcher property = PROPERTY.matcher(message);
            int rest = 0;
            while (property.region(rest, message.length()).lookingAt()) {
                fields.add(property.group(1));
                rest = property.end();
            }
            if (path.isEmpty()) {
                path = fields;
            }
            if (t instanceof ApiJsonb.WrongType wrong) {
                return subject(path) + " " + wrong.getMessage();
            }
            Matcher unknown = UNKNOWN.matcher(message).region(rest, message.length());
            if (unknown.lookingAt()) {
                List<String> field = new ArrayList<>(path);
                field.add(unknown.group(1));
                return "unknown field '" + String.join(".", field) + "'";
            }
            Matcher position = POSITION.matcher(message).region(rest, message.length());
            if (position.lookingAt()) {
                return subject(path) + " must be " + expected(position.group(1)) + ", not "
                        + received(position.group(2));
            }
        }
        return path.isEmpty()
                ? "the body is not the JSON this request takes"
                : subject(path) + " does not hold what this request takes";
    }

    static String malformed(JsonLocation at) {
        return at == null || at.getLineNumber() < 0
                ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNumber() + " column " + at.getColumnNumber();
    }

    private static String subject(List<String> path) {
        return path.isEmpty() ? "the body" : "field '" + String.join(".", path) + "'";
    }

    /** Yasson names the Java type it wanted; the client needs the JSON type. */
    private static String expected(String javaType) {
        if (javaType.startsWith("class [") || COLLECTION.matcher(javaType).find()) {
            return "an array";
        }
        if (javaType.endsWith("java.lang.String")) {
            return "a string";
        }
        return "an object";
    }

    private static String received(String event) {
        return switch (event) {
            case "START_OBJECT" -> "an object";
            case "START_ARRAY" -> "an array";
            case "VALUE_STRING" -> "a string";
            case "VALUE_NUMBER" -> "a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
            case "VALUE_NULL" -> "null";
            default -> "something else";
        };
    }
}
