package org.iotplatform.protocol;

/**
 * How the broker (ActiveMQ Artemis) names an MQTT topic internally, the form its security checks and
 * AMQP consumers see: {@code /} becomes {@code .}, a literal {@code .} is escaped as {@code \.} (and
 * {@code \} as {@code \\}); {@code devices/a.b/messages/events} is {@code devices.a\.b.messages.events}.
 */
public final class CoreAddresses {

    /** Every device's telemetry, as a core wildcard ({@code *} one word, {@code #} any number). */
    public static final String ALL_TELEMETRY = "devices.*.messages.events.#";

    private CoreAddresses() {}

    /** The core address of an MQTT topic (no wildcards). */
    public static String ofTopic(String topic) {
        StringBuilder out = new StringBuilder(topic.length() + 8);
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            switch (c) {
                case '/' -> out.append('.');
                case '.' -> out.append("\\.");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A device id as one word of a core address (device ids hold no {@code /}). */
    public static String word(String deviceId) {
        return ofTopic(deviceId);
    }

    /** The MQTT topic a core address stands for. */
    public static String toTopic(String address) {
        StringBuilder topic = new StringBuilder(address.length());
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '\\'
                    && i + 1 < address.length()
                    && (address.charAt(i + 1) == '.' || address.charAt(i + 1) == '\\')) {
                topic.append(address.charAt(i + 1));
                i++;
            } else {
                topic.append(c == '.' ? '/' : c);
            }
        }
        return topic.toString();
    }

    /** {@code devices.<id>.messages.events}: where a device's telemetry lands (the bag moved out). */
    public static String telemetry(String deviceId) {
        return ofTopic(DeviceTopics.DEVICES) + word(deviceId) + ofTopic(DeviceTopics.EVENTS);
    }
}
