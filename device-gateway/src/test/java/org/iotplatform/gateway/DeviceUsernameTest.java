package org.iotplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.activemq.artemis.core.security.CheckType;
import org.iotplatform.gateway.broker.DeviceUsername;
import org.iotplatform.gateway.broker.TopicPolicy;
import org.junit.jupiter.api.Test;

/** User names to device ids, and the topic policy over core addresses (forms verified by the broker tests). */
class DeviceUsernameTest {

    private final DeviceUsername usernames = new DeviceUsername("iothub.local");
    private final TopicPolicy policy = new TopicPolicy();

    @Test
    void mqttUserNames() {
        assertEquals(Optional.of("pump-001"), usernames.deviceIdForMqtt("pump-001"));
        assertEquals(
                Optional.of("pump-001"), usernames.deviceIdForMqtt("iothub.local/pump-001/?api-version=2021-04-12"));
        assertEquals(
                Optional.of("a.b:c"),
                usernames.deviceIdForMqtt("iothub.local/a.b:c/?api-version=1&DeviceClientType=x"));
        assertEquals(Optional.empty(), usernames.deviceIdForMqtt("otherhub.local/pump-001/?api-version=1"));
        assertEquals(Optional.empty(), usernames.deviceIdForMqtt("iothub.local/pump-001/module-1/?api-version=1"));
        assertEquals(Optional.empty(), usernames.deviceIdForMqtt("bad id"));
        assertEquals(Optional.empty(), usernames.deviceIdForMqtt("pump#1"));
    }

    @Test
    void amqpUserNames() {
        assertEquals(Optional.of("pump-001"), usernames.deviceIdForAmqp("pump-001"));
        assertEquals(Optional.of("pump-001"), usernames.deviceIdForAmqp("pump-001@sas.iothub"));
        assertEquals(Optional.of("pump-001"), usernames.deviceIdForAmqp("pump-001@sas.iothub.local"));
        assertEquals(Optional.empty(), usernames.deviceIdForAmqp("pump-001@sas.elsewhere"));
    }

    @Test
    void deviceMayPublishOnlyItsOwnTelemetry() {
        assertTrue(policy.permits("a.b", CheckType.SEND, "devices.a\\.b.messages.events."));
        assertTrue(policy.permits(
                "a.b", CheckType.SEND, "devices.a\\.b.messages.events.$\\.mid=1&$\\.ct=application%2Fjson"));
        assertTrue(policy.permits("a.b", CheckType.SEND, "/devices/a.b/messages/events"));
        assertFalse(
                policy.permits("a.b", CheckType.SEND, "devices.a.b.messages.events."),
                "unescaped dots are another device");
        assertFalse(policy.permits("a", CheckType.SEND, "devices.b.messages.events."));
        assertFalse(policy.permits("a", CheckType.SEND, "devices.a.messages.devicebound."));
        assertFalse(policy.permits("a", CheckType.SEND, "devices.*.messages.events.#"));
        assertFalse(policy.permits("a", CheckType.MANAGE, "devices.a.messages.events."));
    }

    @Test
    void deviceMaySubscribeOnlyToItsOwnDeviceboundAndTwinTopics() {
        assertTrue(policy.permits(
                "a", CheckType.CONSUME, "devices.a.messages.devicebound.#::a.devices.a.messages.devicebound.#"));
        assertTrue(policy.permits(
                "a",
                CheckType.CREATE_DURABLE_QUEUE,
                "devices.a.messages.devicebound.#::a.devices.a.messages.devicebound.#"));
        assertTrue(policy.permits("a", CheckType.CONSUME, "/devices/a/messages/devicebound"));
        assertTrue(policy.permits("a", CheckType.CONSUME, "$iothub.a.methods.POST.#"));
        assertFalse(policy.permits("a", CheckType.CONSUME, "devices.b.messages.devicebound.#"));
        assertFalse(policy.permits("a", CheckType.CONSUME, "devices.a.messages.events.#"));
        assertFalse(
                policy.permits("a", CheckType.CONSUME, "$iothub.methods.POST.#"),
                "id-less forms come with the twin issue");
        assertFalse(policy.permits("a", CheckType.CONSUME, "#"));
    }
}
