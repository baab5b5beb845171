package org.iotplatform.protocol;

import java.util.Optional;

/**
 * A telemetry topic read: {@code devices/<deviceId>/messages/events[/<property bag>]}. The one place a
 * telemetry topic is taken apart, by the gateway (to move the bag out of the topic) and by the back end
 * (to store the message under its device).
 */
public record TelemetryTopic(String deviceId, PropertyBag properties) {

    /** Empty for what is not a telemetry topic (or names no device). */
    public static Optional<TelemetryTopic> parse(String topic) {
        int bag = bagOffset(topic);
        if (bag < 0) {
            return Optional.empty();
        }
        String deviceId =
                topic.substring(DeviceTopics.DEVICES.length(), topic.indexOf('/', DeviceTopics.DEVICES.length()));
        return Optional.of(new TelemetryTopic(deviceId, PropertyBag.parse(topic.substring(bag))));
    }

    /**
     * Where the property bag of a telemetry topic starts ({@code topic.length()} when it has none), or
     * -1 when {@code topic} is not a telemetry topic of one device.
     */
    public static int bagOffset(String topic) {
        if (topic == null || !topic.startsWith(DeviceTopics.DEVICES)) {
            return -1;
        }
        int events = topic.indexOf(DeviceTopics.EVENTS, DeviceTopics.DEVICES.length());
        if (events <= DeviceTopics.DEVICES.length() || topic.indexOf('/', DeviceTopics.DEVICES.length()) != events) {
            return -1;
        }
        int end = events + DeviceTopics.EVENTS.length();
        if (end == topic.length()) {
            return end;
        }
        return topic.charAt(end) == '/' ? end + 1 : -1;
    }

    public Optional<String> messageId() {
        return properties.messageId();
    }
}
