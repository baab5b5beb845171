package org.iotplatform.gateway.broker;

import java.util.EnumSet;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;

/**
 * What a device may do on which core address. Artemis hands us core names: an MQTT topic
 * {@code devices/a.b/messages/events/$.mid=1} arrives as {@code devices.a\.b.messages.events.$\.mid=1}
 * ({@code /} becomes {@code .}, a literal {@code .} is escaped, {@code +} becomes {@code *}); AMQP
 * addresses arrive unchanged; queue checks come as {@code address::queue}.
 */
public final class TopicPolicy {

    private static final Set<CheckType> PUBLISH = EnumSet.of(CheckType.SEND, CheckType.CREATE_ADDRESS);
    private static final Set<CheckType> SUBSCRIBE = EnumSet.of(
            CheckType.CONSUME,
            CheckType.BROWSE,
            CheckType.CREATE_ADDRESS,
            CheckType.CREATE_DURABLE_QUEUE,
            CheckType.CREATE_NON_DURABLE_QUEUE,
            CheckType.DELETE_DURABLE_QUEUE,
            CheckType.DELETE_NON_DURABLE_QUEUE);
    private static final Set<CheckType> PUBLISH_AND_SUBSCRIBE = union(PUBLISH, SUBSCRIBE);

    public boolean permits(String deviceId, CheckType check, String coreAddressOrFqqn) {
        String address = addressOf(coreAddressOrFqqn);
        String id = mqttWord(deviceId);
        if (PUBLISH.contains(check)
                && (isUnder(address, "devices." + id + ".messages.events")
                        || address.equals(amqpTelemetry(deviceId)))) {
            return true;
        }
        if (SUBSCRIBE.contains(check)
                && (isUnder(address, "devices." + id + ".messages.devicebound")
                        || address.equals(amqpDevicebound(deviceId)))) {
            return true;
        }
        // Twin and methods: only the id-carrying form until the $iothub/... mapping arrives.
        return PUBLISH_AND_SUBSCRIBE.contains(check) && address.startsWith("$iothub." + id + ".");
    }

    /** The core address an MQTT publish to {@code devices/<id>/messages/events/} lands on (without property bag). */
    public static String mqttTelemetry(String deviceId) {
        return "devices." + mqttWord(deviceId) + ".messages.events";
    }

    public static String amqpTelemetry(String deviceId) {
        return "/devices/" + deviceId + "/messages/events";
    }

    public static String amqpDevicebound(String deviceId) {
        return "/devices/" + deviceId + "/messages/devicebound";
    }

    /** A device id as one word of a core address: Artemis escapes {@code \} and {@code .} coming from MQTT. */
    static String mqttWord(String deviceId) {
        return deviceId.replace("\\", "\\\\").replace(".", "\\.");
    }

    private static boolean isUnder(String address, String prefix) {
        return address.equals(prefix) || address.startsWith(prefix + ".");
    }

    private static String addressOf(String addressOrFqqn) {
        int separator = addressOrFqqn.indexOf("::");
        return separator < 0 ? addressOrFqqn : addressOrFqqn.substring(0, separator);
    }

    private static Set<CheckType> union(Set<CheckType> a, Set<CheckType> b) {
        EnumSet<CheckType> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
