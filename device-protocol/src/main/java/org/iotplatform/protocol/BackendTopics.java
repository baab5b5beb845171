package org.iotplatform.protocol;

import java.util.Optional;

/**
 * The forms the back end and the broker use. Direct-method and twin topics get the device id after
 * {@code $iothub/} inside the broker ({@code $iothub/<id>/methods/POST/<method>/}), so the back end
 * addresses one device and each device stays under its own id; the gateway inserts the id into what a
 * device sends and takes it out of what it delivers. Queries ({@code $rid}, {@code $version}) never
 * become part of a topic inside the broker (an address per request id): a device's query travels in
 * the {@value PropertyBag#USER_PROPERTY} user property, the back end's ahead of the payload
 * ({@link QueryAhead}).
 */
public final class BackendTopics {

    /** The shared-subscription group of the platform's instances: one of them takes each message. */
    public static final String SHARED_GROUP = "$share/iot-platform/";

    /** Every device's telemetry, shared among the platform's instances. */
    public static final String TELEMETRY_SUBSCRIPTION = SHARED_GROUP + DeviceTopics.ALL_TELEMETRY;

    /** Every device's direct-method answers; each instance reads all and takes those it waits for. */
    public static final String METHOD_ANSWERS = DeviceTopics.IOTHUB + "+/methods/res/#";

    /** Every device's twin reads, shared among instances. */
    public static final String TWIN_REQUESTS = SHARED_GROUP + DeviceTopics.IOTHUB + "+/twin/GET/#";

    /** Every device's reported-property patches, shared among instances. */
    public static final String TWIN_REPORTS = SHARED_GROUP + DeviceTopics.IOTHUB + "+/twin/PATCH/properties/reported/#";

    /** The MQTT 5 user property the back end marks its cloud-to-device messages with; the gateway reports deliveries by it. */
    public static final String DELIVERY_MARK = "iot-message-id";

    private BackendTopics() {}

    /** A method answer read from {@code $iothub/<id>/methods/res/<status>/}. */
    public record MethodAnswer(String deviceId, int status) {}

    /** The id-carrying form of an id-less {@code $iothub/...} topic or filter of a device. */
    public static String withDevice(String deviceTopic, String deviceId) {
        if (!deviceTopic.startsWith(DeviceTopics.IOTHUB)) {
            throw new IllegalArgumentException("not an $iothub topic: " + deviceTopic);
        }
        return deviceRoot(deviceId) + deviceTopic.substring(DeviceTopics.IOTHUB.length());
    }

    /** The device's own form of {@code $iothub/<deviceId>/...}; empty when the topic is not that device's. */
    public static Optional<String> withoutDevice(String topic, String deviceId) {
        String own = deviceRoot(deviceId);
        return topic != null && topic.startsWith(own)
                ? Optional.of(DeviceTopics.IOTHUB + topic.substring(own.length()))
                : Optional.empty();
    }

    /** {@code $iothub/<id>/}: under it lies everything of one device's methods and twin. */
    public static String deviceRoot(String deviceId) {
        return DeviceTopics.IOTHUB + deviceId + "/";
    }

    /** {@code $iothub/<id>/methods/POST/<method>/}; the request id goes ahead of the payload. */
    public static String methodRequest(String deviceId, String method) {
        return withDevice(DeviceTopics.METHOD_REQUESTS + method + "/", deviceId);
    }

    /** {@code $iothub/<id>/twin/PATCH/properties/desired/}; the version goes ahead of the payload. */
    public static String desired(String deviceId) {
        return withDevice(DeviceTopics.TWIN_DESIRED, deviceId);
    }

    /** {@code $iothub/<id>/twin/res/<status>/}; request id and version go ahead of the payload. */
    public static String twinResponse(String deviceId, int status) {
        return withDevice(DeviceTopics.TWIN_RESPONSES + status + "/", deviceId);
    }

    /** Whether a topic is in the id-less {@code $iothub/...} form of IoT Hub's device API. */
    public static boolean isDeviceForm(String topic) {
        return topic != null && topic.startsWith(DeviceTopics.IOTHUB);
    }

    /** Reads {@code $iothub/<id>/methods/res/<status>/...}; empty for another topic or a status that is no number. */
    public static Optional<MethodAnswer> methodAnswer(String topic) {
        Optional<String> device = DeviceTopics.deviceIdOf(topic);
        if (device.isEmpty() || !topic.startsWith(DeviceTopics.IOTHUB)) {
            return Optional.empty();
        }
        String prefix = deviceRoot(device.get()) + "methods/res/";
        if (!topic.startsWith(prefix)) {
            return Optional.empty();
        }
        return DeviceTopics.status(topic, prefix.length()).map(status -> new MethodAnswer(device.get(), status));
    }
}
