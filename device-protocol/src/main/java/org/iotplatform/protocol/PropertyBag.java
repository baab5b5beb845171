package org.iotplatform.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * IoT Hub's property bag: URL-encoded {@code name=value} pairs joined by {@code &}, carried at the end
 * of a telemetry or cloud-to-device topic ({@code devices/<id>/messages/events/$.mid=1&$.ct=...}). System
 * properties start with {@code $.}; the rest are the application's. Inside the broker the gateway moves
 * a telemetry bag out of the topic into the user property {@value #USER_PROPERTY} (a distinct topic per
 * message id would make a broker address per message). Order is kept, names are unique.
 */
public final class PropertyBag {

    /** The MQTT 5 user property the gateway moves a telemetry topic's bag into, and the back end reads. */
    public static final String USER_PROPERTY = "iot-property-bag";

    public static final String MESSAGE_ID = "$.mid";
    public static final String CONTENT_TYPE = "$.ct";
    public static final String CONTENT_ENCODING = "$.ce";
    public static final String CORRELATION_ID = "$.cid";
    public static final String TO = "$.to";

    private static final PropertyBag EMPTY = new PropertyBag(Map.of());

    private final Map<String, String> entries;

    private PropertyBag(Map<String, String> entries) {
        this.entries = entries;
    }

    public static PropertyBag empty() {
        return EMPTY;
    }

    public static PropertyBag of(Map<String, String> entries) {
        return entries.isEmpty() ? EMPTY : new PropertyBag(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }

    /**
     * Reads an encoded bag. Lenient, as IoT Hub is: empty pairs are skipped, a name without {@code =}
     * has the empty value, and a pair that is not valid URL encoding is kept as sent.
     */
    public static PropertyBag parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                entries.put(decode(name), decode(value));
            } catch (IllegalArgumentException e) {
                entries.put(name, value);
            }
        }
        return of(entries);
    }

    /** This bag with {@code name} set (replacing an earlier value, keeping its place). */
    public PropertyBag with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.put(name, value);
        return new PropertyBag(Collections.unmodifiableMap(copy));
    }

    /** The encoded form, every name and value URL-encoded ({@code $} as {@code %24}, as IoT Hub sends it). */
    public String format() {
        StringBuilder out = new StringBuilder();
        entries.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(value));
        });
        return out.toString();
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The device's message id ({@code $.mid}), if it gave a non-empty one. */
    public Optional<String> messageId() {
        return get(MESSAGE_ID).filter(m -> !m.isEmpty());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every entry, in order; unmodifiable. */
    public Map<String, String> asMap() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyBag other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
