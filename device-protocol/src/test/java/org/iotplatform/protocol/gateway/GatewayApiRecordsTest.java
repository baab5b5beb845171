package org.iotplatform.protocol.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayApiRecordsTest {

    @Test
    void wireNames() {
        assertEquals("message-delivered", ConnectionEvent.Kind.MESSAGE_DELIVERED.wireName());
        assertEquals("connected", ConnectionEvent.Kind.CONNECTED.wireName());
        assertEquals("http", DeviceProtocol.HTTP.wireName());
        for (ConnectionEvent.Kind k : ConnectionEvent.Kind.values()) {
            assertEquals(Optional.of(k), ConnectionEvent.Kind.fromWire(k.wireName()));
        }
        for (DeviceProtocol p : DeviceProtocol.values()) {
            assertEquals(Optional.of(p), DeviceProtocol.fromWire(p.wireName()));
        }
        assertTrue(DeviceProtocol.fromWire("MQTT").isEmpty());
    }

    @Test
    void settlementsAreToldApart() {
        Instant now = Instant.now();
        ConnectionEvent delivered = ConnectionEvent.settlement("d", "m1", true, now, DeviceProtocol.MQTT);
        assertTrue(delivered.settles());
        assertEquals("message-delivered", delivered.event());
        assertEquals("m1", delivered.messageId());
        assertFalse(ConnectionEvent.of("d", ConnectionEvent.Kind.CONNECTED, now, DeviceProtocol.AMQP, null, "1.2.3.4")
                .settles());
        assertTrue(ConnectionEvent.settlement("d", "m1", false, now, DeviceProtocol.AMQP)
                .settles());
    }

    @Test
    void revocationsNameEachDeviceOnceWithItsNewestIncarnation() {
        Revocations batch = new Revocations(
                9,
                List.of("a", "b", "c"),
                List.of(
                        new Revocations.Revoked("a", 1L),
                        new Revocations.Revoked("a", 3L),
                        new Revocations.Revoked("b", 2L),
                        new Revocations.Revoked("b", null)));
        assertEquals(
                List.of(
                        new Revocations.Revoked("a", 3L),
                        new Revocations.Revoked("b", null),
                        new Revocations.Revoked("c", null)),
                batch.all());
        assertEquals(List.of(), new Revocations(0, null, null).all());
    }

    @Test
    void theTokenNeverShowsInText() {
        assertFalse(DeviceAuthRequest.of("d", "SharedAccessSignature sig=secret", DeviceProtocol.MQTT, "x")
                .toString()
                .contains("secret"));
    }
}
