package org.iotplatform.gateway.broker;

import java.util.EnumSet;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.protocol.CoreAddresses;
import org.iotplatform.protocol.DeviceTopics;

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
        if (PUBLISH.contains(check)
                && (isUnder(address, CoreAddresses.telemetry(deviceId))
                        || address.equals(DeviceTopics.amqpTelemetry(deviceId)))) {
            return true;
        }
        if (SUBSCRIBE.contains(check)
                && (isUnder(
                                address,
                                withoutTrailingDot(CoreAddresses.ofTopic(DeviceTopics.cloudToDeviceRoot(deviceId))))
                        || address.equals(DeviceTopics.amqpCloudToDevice(deviceId)))) {
            return true;
        }
        // Twin and methods: the id-carrying form IotHubTopics maps the device's topics to.
        return PUBLISH_AND_SUBSCRIBE.contains(check)
                && address.startsWith(CoreAddresses.ofTopic(BackendTopics.deviceRoot(deviceId)));
    }

    private static String withoutTrailingDot(String address) {
        return address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
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
