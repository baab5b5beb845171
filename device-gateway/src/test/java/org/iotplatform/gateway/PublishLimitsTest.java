package org.iotplatform.gateway;

import static org.iotplatform.gateway.DeviceIsolationTest.publishReason;
import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Oversized payloads and floods are refused per device, without taking the connection down. */
class PublishLimitsTest {

    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start(Map.of("publish-rate-per-device", "10"));
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    void oversizedPayloadIsRefusedWhileANormalMessageOnTheSameConnectionFlows() throws Exception {
        gw.platform.register("big-001");
        try (Backend backend = new Backend(gw, "devices/big-001/messages/events/#")) {
            var device = Clients.v5Device(gw, "big-001", gw.platform.token("big-001", inOneHour()));
            char[] big = new char[1100 * 1024];
            Arrays.fill(big, 'x');
            String oversized = "{\"blob\":\"" + new String(big) + "\"}";
            assertEquals(0x87, publishReason(device, "devices/big-001/messages/events/", oversized));
            assertTrue(device.isConnected(), "the connection survives the refusal");
            assertEquals(0, publishReason(device, "devices/big-001/messages/events/", "{\"small\":1}"));
            List<Received> got = backend.drain(Duration.ofSeconds(1));
            assertEquals(1, got.size(), "only the normal message is delivered");
            assertEquals("{\"small\":1}", got.get(0).payload());
            assertTrue(gw.gateway.publishLimits().refusedFor("big-001") >= 1);
            device.disconnect();
            device.close();
        }
    }

    @Test
    void oversizedPayloadFromMqtt311ClosesTheConnectionWithoutAcknowledgingIt() throws Exception {
        gw.platform.register("big-003");
        try (Backend backend = new Backend(gw, "devices/big-003/messages/events/#")) {
            MqttClient device = Clients.v3Device(gw, "big-003", "big-003", gw.platform.token("big-003", inOneHour()));
            // MQTT 3.1.1 has no negative PUBACK: an acknowledgement would promise a message that is not kept
            assertThrows(
                    org.eclipse.paho.client.mqttv3.MqttException.class,
                    () -> device.publish("devices/big-003/messages/events/", new byte[1100 * 1024], 1, false));
            assertFalse(device.isConnected(), "disconnected instead of acknowledged-and-dropped");
            assertTrue(backend.drain(Duration.ofSeconds(1)).isEmpty());
            device.close();
        }
    }

    @Test
    void mqtt311FloodIsSlowedDownAndEveryAcknowledgedMessageIsDelivered() throws Exception {
        gw.platform.register("flood-311");
        try (Backend backend = new Backend(gw, "devices/flood-311/messages/events/#")) {
            MqttClient device =
                    Clients.v3Device(gw, "flood-311", "flood-311", gw.platform.token("flood-311", inOneHour()));
            int sent = 60; // rate 10/s, burst 20: 40 over the allowance
            for (int i = 0; i < sent; i++) {
                device.publish(
                        "devices/flood-311/messages/events/",
                        ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                        1,
                        false);
            }
            assertTrue(device.isConnected(), "a 3.1.1 device over its rate is slowed, not disconnected");
            assertTrue(gw.gateway.publishLimits().slowedFor("flood-311") > 0, "the connection was paused");
            assertEquals(0, gw.gateway.publishLimits().refusedFor("flood-311"), "nothing refused");
            java.util.Set<String> got = new java.util.HashSet<>();
            Instant end = Instant.now().plusSeconds(10);
            while (got.size() < sent && Instant.now().isBefore(end)) {
                Received r = backend.next(Duration.ofMillis(200));
                if (r != null) {
                    got.add(r.payload());
                }
            }
            assertEquals(sent, got.size(), "every acknowledged message is delivered");
            device.disconnect();
            device.close();
        }
    }

    @Test
    void publishRateAboveTheLimitIsRefused() throws Exception {
        gw.platform.register("flood-001");
        gw.platform.register("calm-001");
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            var flood = Clients.v5Device(gw, "flood-001", gw.platform.token("flood-001", inOneHour()));
            int refused = 0;
            for (int i = 0; i < 60; i++) {
                if (publishReason(flood, "devices/flood-001/messages/events/", "{\"i\":" + i + "}") == 0x87) {
                    refused++;
                }
            }
            // rate 10/s, burst 20: of 60 quick publishes well over half are refused.
            assertTrue(refused >= 25, "only " + refused + " refused");
            assertTrue(gw.gateway.publishLimits().refusedFor("flood-001") >= refused);
            assertTrue(flood.isConnected());
            // Another device is not affected by the flood.
            var calm = Clients.v5Device(gw, "calm-001", gw.platform.token("calm-001", inOneHour()));
            assertEquals(0, publishReason(calm, "devices/calm-001/messages/events/", "{\"calm\":1}"));
            // the calm device's message came last: everything of the flood that was let in is before it
            List<Received> got = backend.before("{\"calm\":1}", Duration.ofSeconds(10));
            long fromFlood = got.stream()
                    .filter(r -> r.topic().startsWith("devices/flood-001/"))
                    .count();
            assertEquals(60 - refused, fromFlood, "refused publishes must not be delivered");
            flood.disconnect();
            flood.close();
            calm.disconnect();
            calm.close();
        }
    }
}
