package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.iotplatform.gateway.testing.SasTokens;
import org.junit.jupiter.api.Test;

/** Revocation drops live connections quickly; connects, disconnects and activity reach the platform. */
class RevocationAndEventsTest extends OneGatewayPerClass {

    @Test
    void revokedDeviceIsDisconnectedWithinFiveSecondsOnMqttAndAmqp() throws Exception {
        gw.platform.register("rev-001");
        String token = gw.platform.token("rev-001", inOneHour());
        MqttClient mqtt = Clients.v3Device(gw, "rev-001", "rev-001", token);
        AtomicBoolean amqpClosed = new AtomicBoolean();
        Connection amqp = new JmsConnectionFactory("amqp://127.0.0.1:" + gw.amqpPort + "?amqp.saslMechanisms=PLAIN")
                .createConnection("rev-001", token);
        amqp.setExceptionListener(e -> amqpClosed.set(true));
        amqp.start();

        Instant revokedAt = Instant.now();
        gw.platform.revoke("rev-001");
        waitUntil(() -> !mqtt.isConnected() && amqpClosed.get(), Duration.ofSeconds(5));
        assertFalse(mqtt.isConnected(), "MQTT connection still open 5 s after revocation");
        assertTrue(amqpClosed.get(), "AMQP connection still open 5 s after revocation");
        assertTrue(Duration.between(revokedAt, Instant.now()).compareTo(Duration.ofSeconds(5)) <= 0);
        waitUntil(() -> gw.platform.events("rev-001", "disconnected").size() >= 2, Duration.ofSeconds(5));
        List<JsonNode> disconnects = gw.platform.events("rev-001", "disconnected");
        assertEquals(2, disconnects.size(), disconnects.toString());
        disconnects.forEach(e ->
                assertEquals("device revoked by the platform", e.path("reason").asText()));
        mqtt.close();
    }

    @Test
    void aDeviceCreatedAgainUnderARevokedIdKeepsItsConnection() throws Exception {
        // deleted and created again under the same id: the revocation names the old device, not this one
        gw.platform.register("recreated-001");
        long old = gw.platform.incarnation("recreated-001");
        gw.platform.register("recreated-001", SasTokens.newKey());
        MqttClient recreated =
                Clients.v3Device(gw, "recreated-001", "recreated-001", gw.platform.token("recreated-001", inOneHour()));
        gw.platform.register("marker-001");
        MqttClient marker =
                Clients.v3Device(gw, "marker-001", "marker-001", gw.platform.token("marker-001", inOneHour()));
        gw.platform.listRevocation("recreated-001", old);
        gw.platform.revoke("marker-001"); // listed after it: once the marker is gone, the older revocation was seen too
        waitUntil(() -> !marker.isConnected(), Duration.ofSeconds(5));
        assertFalse(marker.isConnected(), "the marker device, signed in before its revocation, is dropped");
        assertTrue(recreated.isConnected(), "the new device of that id stays connected");
        recreated.disconnect();
        recreated.close();
        marker.close();
    }

    @Test
    void connectedActivityAndDisconnectedEventsReachThePlatform() throws Exception {
        gw.platform.register("evt-001");
        MqttClient device = Clients.v3Device(gw, "evt-001", "evt-001", gw.platform.token("evt-001", inOneHour()));
        for (int i = 0; i < 20; i++) {
            device.publish(
                    "devices/evt-001/messages/events/",
                    ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
        }
        device.disconnect();
        device.close();
        waitUntil(() -> !gw.platform.events("evt-001", "disconnected").isEmpty(), Duration.ofSeconds(5));

        List<JsonNode> connected = gw.platform.events("evt-001", "connected");
        assertEquals(1, connected.size());
        assertEquals("mqtt", connected.get(0).path("protocol").asText());
        assertTrue(connected.get(0).path("remoteAddress").asText().contains("127.0.0.1"));
        Instant.parse(connected.get(0).path("at").asText());
        assertEquals(
                1,
                gw.platform.events("evt-001", "activity").size(),
                "20 publishes within 5 s coalesce into one activity event");
        assertEquals(1, gw.platform.events("evt-001", "disconnected").size());
    }

    @Test
    void deviceThatVanishesIsDisconnectedByKeepAlive() throws Exception {
        gw.platform.register("ghost-keepalive");
        String token = gw.platform.token("ghost-keepalive", inOneHour());
        try (Socket socket = new Socket("127.0.0.1", gw.mqttPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(connectPacket("ghost-keepalive", "ghost-keepalive", token, 1));
            out.flush();
            byte[] connack = socket.getInputStream().readNBytes(4);
            assertEquals(0x20, connack[0] & 0xff, "CONNACK expected");
            assertEquals(0, connack[3], "connection accepted");
            // Now say nothing: no PINGREQ within 1.5 x keep-alive.
            waitUntil(
                    () -> !gw.platform.events("ghost-keepalive", "disconnected").isEmpty(), Duration.ofSeconds(8));
        }
        List<JsonNode> gone = gw.platform.events("ghost-keepalive", "disconnected");
        assertEquals(1, gone.size());
        assertTrue(
                gone.get(0).path("reason").asText().contains("TTL"), gone.get(0).toString());
    }

    /** A raw MQTT 3.1.1 CONNECT, so that the client can go silent (real clients always ping). */
    private static byte[] connectPacket(String clientId, String user, String password, int keepAliveSeconds)
            throws Exception {
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        writeString(variable, "MQTT");
        variable.write(4); // protocol level 3.1.1
        variable.write(0xC2); // user name, password, clean session
        variable.write(keepAliveSeconds >> 8);
        variable.write(keepAliveSeconds & 0xff);
        writeString(variable, clientId);
        writeString(variable, user);
        writeString(variable, password);
        byte[] body = variable.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.write(body);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }

    static void waitUntil(Supplier<Boolean> condition, Duration within) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (!condition.get() && Instant.now().isBefore(end)) {
            Thread.sleep(50);
        }
    }
}
