package org.iotplatform.protocol;

import java.util.List;
import java.util.Optional;

/**
 * IoT Hub's device-facing MQTT topics and AMQP addresses, as a device (and its SDK) writes them. The
 * direct-method and twin topics carry no device id; inside the broker they become the id-carrying
 * {@link BackendTopics} forms.
 */
public final class DeviceTopics {

    static final String DEVICES = "devices/";
    static final String EVENTS = "/messages/events";
    static final String DEVICEBOUND = "/messages/devicebound";
    static final String IOTHUB = "$iothub/";

    public static final String METHOD_REQUESTS = IOTHUB + "methods/POST/";
    public static final String METHOD_RESPONSES = IOTHUB + "methods/res/";
    public static final String TWIN_GET = IOTHUB + "twin/GET/";
    public static final String TWIN_RESPONSES = IOTHUB + "twin/res/";
    public static final String TWIN_REPORTED = IOTHUB + "twin/PATCH/properties/reported/";
    public static final String TWIN_DESIRED = IOTHUB + "twin/PATCH/properties/desired/";

    /** Every device's telemetry, as a filter: {@code devices/+/messages/events/#}. */
    public static final String ALL_TELEMETRY = DEVICES + "+" + EVENTS + "/#";

    /** The id-less {@code $iothub} roots a device may subscribe under (IoT Hub offers no others). */
    public static final List<String> SUBSCRIBABLE_IOTHUB_ROOTS = List.of(METHOD_REQUESTS, TWIN_RESPONSES, TWIN_DESIRED);

    private DeviceTopics() {}

    /** {@code devices/<id>/messages/events/<bag>}: where a device publishes telemetry. */
    public static String telemetry(String deviceId, PropertyBag bag) {
        return telemetryRoot(deviceId) + bag.format();
    }

    /** {@code devices/<id>/messages/events/}: the telemetry topic without a property bag. */
    public static String telemetryRoot(String deviceId) {
        return DEVICES + deviceId + EVENTS + "/";
    }

    /** {@code devices/<id>/messages/devicebound/<bag>}: a cloud-to-device message as the device receives it. */
    public static String cloudToDevice(String deviceId, PropertyBag bag) {
        return cloudToDeviceRoot(deviceId) + bag.format();
    }

    /** {@code devices/<id>/messages/devicebound/}: under it a device receives its cloud-to-device messages. */
    public static String cloudToDeviceRoot(String deviceId) {
        return DEVICES + deviceId + DEVICEBOUND + "/";
    }

    /** {@code devices/<id>/messages/devicebound/#}: the filter a device subscribes its cloud-to-device messages with. */
    public static String cloudToDeviceFilter(String deviceId) {
        return cloudToDeviceRoot(deviceId) + "#";
    }

    /** The {@code $.to} of a cloud-to-device message: {@code /devices/<id>/messages/deviceBound}. */
    public static String cloudToDeviceTo(String deviceId) {
        return "/" + DEVICES + deviceId + "/messages/deviceBound";
    }

    /** {@code /devices/<id>/messages/events}: the AMQP address a device sends telemetry to. */
    public static String amqpTelemetry(String deviceId) {
        return "/" + DEVICES + deviceId + EVENTS;
    }

    /** {@code /devices/<id>/messages/devicebound}: the AMQP address a device receives cloud-to-device messages from. */
    public static String amqpCloudToDevice(String deviceId) {
        return "/" + DEVICES + deviceId + DEVICEBOUND;
    }

    /** {@code $iothub/methods/POST/#}. */
    public static String methodRequestsFilter() {
        return METHOD_REQUESTS + "#";
    }

    /** {@code $iothub/methods/POST/<method>/?$rid=<id>}: a direct-method call as the device receives it. */
    public static String methodRequest(String method, String requestId) {
        return METHOD_REQUESTS + method + "/?" + TopicQuery.request(requestId).format();
    }

    /** {@code $iothub/methods/res/<status>/?$rid=<id>}: a device's answer to a method call. */
    public static String methodResponse(int status, String requestId) {
        return METHOD_RESPONSES + status + "/?" + TopicQuery.request(requestId).format();
    }

    /** {@code $iothub/twin/GET/?$rid=<id>}: a device asks for its twin. */
    public static String twinGet(String requestId) {
        return TWIN_GET + "?" + TopicQuery.request(requestId).format();
    }

    /** {@code $iothub/twin/PATCH/properties/reported/?$rid=<id>}: a device reports properties. */
    public static String twinReported(String requestId) {
        return TWIN_REPORTED + "?" + TopicQuery.request(requestId).format();
    }

    /** {@code $iothub/twin/res/#}. */
    public static String twinResponsesFilter() {
        return TWIN_RESPONSES + "#";
    }

    /** {@code $iothub/twin/PATCH/properties/desired/#}. */
    public static String twinDesiredFilter() {
        return TWIN_DESIRED + "#";
    }

    /** The status of a twin answer {@code $iothub/twin/res/<status>/?...}; empty for another topic. */
    public static Optional<Integer> twinResponseStatus(String topic) {
        return topic != null && topic.startsWith(TWIN_RESPONSES)
                ? status(topic, TWIN_RESPONSES.length())
                : Optional.empty();
    }

    /** The method a device is asked to run, from {@code $iothub/methods/POST/<method>/?$rid=..}; empty for another topic. */
    public static Optional<String> methodName(String topic) {
        if (topic == null || !topic.startsWith(METHOD_REQUESTS)) {
            return Optional.empty();
        }
        int end = topic.indexOf('/', METHOD_REQUESTS.length());
        return end <= METHOD_REQUESTS.length()
                ? Optional.empty()
                : Optional.of(topic.substring(METHOD_REQUESTS.length(), end));
    }

    /** The property bag of a cloud-to-device message as the device received it; empty for another topic. */
    public static PropertyBag cloudToDeviceProperties(String topic) {
        int at = topic == null ? -1 : topic.indexOf(DEVICEBOUND + "/");
        if (at < 0 || !topic.startsWith(DEVICES)) {
            return PropertyBag.empty();
        }
        return PropertyBag.parse(topic.substring(at + DEVICEBOUND.length() + 1));
    }

    /** The query of a topic ({@code ?$rid=..}), read; an empty query when there is none. */
    public static TopicQuery query(String topic) {
        int q = topic == null ? -1 : topic.indexOf('?');
        return TopicQuery.parse(q < 0 ? "" : topic.substring(q + 1));
    }

    /** The device id a topic names: {@code devices/<id>/...} or the broker's {@code $iothub/<id>/...}. */
    public static Optional<String> deviceIdOf(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        String rest;
        if (topic.startsWith(DEVICES)) {
            rest = topic.substring(DEVICES.length());
        } else if (topic.startsWith(IOTHUB)) {
            rest = topic.substring(IOTHUB.length());
        } else {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(rest.substring(0, slash));
    }

    /** The word after {@code from} up to the next {@code /}, as a status code. */
    static Optional<Integer> status(String topic, int from) {
        int end = topic.indexOf('/', from);
        try {
            return Optional.of(Integer.valueOf(end < 0 ? topic.substring(from) : topic.substring(from, end)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
