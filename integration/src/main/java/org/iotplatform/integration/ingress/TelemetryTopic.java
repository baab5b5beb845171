package org.iotplatform.integration.ingress;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.iotplatform.registry.DeviceId;

/**
 * The one place a telemetry topic is read: {@code devices/<deviceId>/messages/events/[<property bag>]},
 * the bag URL-encoded {@code name=value} pairs joined by {@code &} (IoT Hub's {@code $.mid}, {@code $.ct}, ...).
 */
public record TelemetryTopic(DeviceId deviceId, Map<String, String> properties) {

    private static final String PREFIX = "devices/";
    private static final String EVENTS = "/messages/events";

    public static Optional<TelemetryTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int events = topic.indexOf(EVENTS, PREFIX.length());
        if (events < 0) {
            return Optional.empty();
        }
        DeviceId id;
        try {
            id = DeviceId.of(topic.substring(PREFIX.length(), events));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String rest = topic.substring(events + EVENTS.length());
        Map<String, String> properties = new LinkedHashMap<>();
        if (rest.startsWith("/") && rest.length() > 1) {
            for (String pair : rest.substring(1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    properties.put(
                            URLDecoder.decode(name, StandardCharsets.UTF_8),
                            URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    properties.put(name, value); // keep undecodable text as sent
                }
            }
        } else if (!rest.isEmpty() && !rest.equals("/")) {
            return Optional.empty();
        }
        return Optional.of(new TelemetryTopic(id, properties));
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(properties.get("$.mid")).filter(m -> !m.isEmpty());
    }
}
