package org.iotplatform.integration.ingress;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.iotplatform.protocol.DeviceTopics;

/**
 * A telemetry-flow probe as it travels: published by the back end on {@value #TOPIC}, a topic under
 * the telemetry stream that no device can have ({@code $} is not allowed in device ids), with
 * {@code <seq> <instance>} as its payload.
 */
record FlowProbe(String instance, long seq) {

    static final String TOPIC = DeviceTopics.telemetryRoot("$probe");

    byte[] payload() {
        return (seq + " " + instance).getBytes(StandardCharsets.UTF_8);
    }

    static boolean isProbe(String topic) {
        return topic != null && topic.startsWith(TOPIC);
    }

    /** Empty for a payload that is not a probe's (then it is dropped: only the back end can publish here). */
    static Optional<FlowProbe> parse(byte[] payload) {
        String text = payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FlowProbe(text.substring(space + 1), Long.parseLong(text.substring(0, space))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
