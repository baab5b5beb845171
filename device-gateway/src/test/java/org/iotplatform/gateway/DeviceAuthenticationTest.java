package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.iotplatform.gateway.testing.RunningGateway;
import org.iotplatform.gateway.testing.SasTokens;
import org.junit.jupiter.api.Test;

/** Devices log in with SAS tokens that the platform checks; the gateway refuses what the platform refuses. */
class DeviceAuthenticationTest extends OneGatewayPerClass {

    @Test
    void deviceWithValidTokenPublishesOverTlsAndTheBackendReceives() throws Exception {
        gw.platform.register("pump-001");
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            MqttClient device = Clients.v3DeviceTls(gw, "pump-001", gw.platform.token("pump-001", inOneHour()));
            device.publish(
                    "devices/pump-001/messages/events/$.mid=m1&$.ct=application%2Fjson",
                    "{\"temperature\":71.3}".getBytes(StandardCharsets.UTF_8), 1, false);
            Received received = backend.next(Duration.ofSeconds(5));
            assertNotNull(received, "the back end got nothing");
            assertEquals("devices/pump-001/messages/events/$.mid=m1&$.ct=application%2Fjson", received.topic());
            assertEquals("{\"temperature\":71.3}", received.payload());
            device.disconnect();
            device.close();
        }
    }

    @Test
    void deviceIdWithDotsAndColonsWorks() throws Exception {
        String id = "plant.a:line-2_pump.7";
        gw.platform.register(id);
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            MqttClient device = Clients.v3DeviceTls(gw, id, gw.platform.token(id, inOneHour()));
            device.publish(
                    "devices/" + id + "/messages/events/", "{\"v\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            Received received = backend.next(Duration.ofSeconds(5));
            assertNotNull(received, "the back end got nothing");
            assertEquals("devices/" + id + "/messages/events/", received.topic());
            device.disconnect();
            device.close();
        }
    }

    @Test
    void expiredTokenIsRefused() {
        gw.platform.register("exp-001");
        assertRefused("exp-001", gw.platform.token("exp-001", Instant.now().minusSeconds(5)));
    }

    @Test
    void wrongSignatureIsRefused() {
        gw.platform.register("sig-001");
        String forged = SasTokens.sign(RunningGateway.HUB, "sig-001", SasTokens.newKey(), inOneHour());
        assertRefused("sig-001", forged);
    }

    @Test
    void unknownDeviceIsRefused() {
        String token = SasTokens.sign(RunningGateway.HUB, "ghost-001", SasTokens.newKey(), inOneHour());
        assertRefused("ghost-001", token);
    }

    @Test
    void disabledDeviceIsRefused() {
        gw.platform.register("off-001");
        String token = gw.platform.token("off-001", inOneHour());
        gw.platform.disable("off-001");
        assertRefused("off-001", token);
    }

    @Test
    void clientIdMustBeTheDeviceIdEvenWhenTheLoginIsCached() throws Exception {
        gw.platform.register("cid-001");
        String token = gw.platform.token("cid-001", inOneHour());
        MqttClient good = Clients.v3Device(gw, "cid-001", "cid-001", token);
        // Same user name and token (so Artemis' login cache would answer), another client id:
        MqttException refused =
                assertThrows(MqttException.class, () -> Clients.v3Device(gw, "someone-else", "cid-001", token));
        assertTrue(
                refused.getReasonCode() == MqttException.REASON_CODE_INVALID_CLIENT_ID
                        || refused.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST,
                "unexpected reason " + refused.getReasonCode());
        assertTrue(good.isConnected(), "the genuine device must keep its connection");
        good.disconnect();
        good.close();
    }

    @Test
    void platformDownRefusesNewConnectionsButKeepsExistingOnes() throws Exception {
        gw.platform.register("keep-001");
        gw.platform.register("new-001");
        String newToken = gw.platform.token("new-001", inOneHour());
        try (Backend backend = new Backend(gw, "devices/keep-001/messages/events/#")) {
            MqttClient existing =
                    Clients.v3Device(gw, "keep-001", "keep-001", gw.platform.token("keep-001", inOneHour()));
            gw.platform.available(false);
            try {
                MqttSecurityException refused = assertThrows(
                        MqttSecurityException.class, () -> Clients.v3Device(gw, "new-001", "new-001", newToken));
                assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
                existing.publish(
                        "devices/keep-001/messages/events/",
                        "{\"still\":true}".getBytes(StandardCharsets.UTF_8),
                        1,
                        false);
                assertNotNull(
                        backend.next(Duration.ofSeconds(5)),
                        "existing connection must keep working while the platform is down");
                assertTrue(existing.isConnected());
            } finally {
                gw.platform.available(true);
            }
            existing.disconnect();
            existing.close();
        }
        // Back up: the refused device gets in (its refusal was not cached).
        MqttClient later = Clients.v3Device(gw, "new-001", "new-001", newToken);
        assertTrue(later.isConnected());
        later.disconnect();
        later.close();
    }

    private static void assertRefused(String deviceId, String token) {
        MqttSecurityException refused =
                assertThrows(MqttSecurityException.class, () -> Clients.v3DeviceTls(gw, deviceId, token));
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
    }
}
