package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A device may publish and subscribe only under its own id. */
class DeviceIsolationTest {

    private static final int NOT_AUTHORIZED = 0x87;
    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start();
        gw.platform.register("dev-a");
        gw.platform.register("dev-b");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    void mqtt5PublishToAnotherDevicesTelemetryIsRefusedWithReasonCodeAndNotDelivered() throws Exception {
        try (Backend watcherOfB = new Backend(gw, "devices/dev-b/messages/events/#")) {
            var a = Clients.v5Device(gw, "dev-a", gw.platform.token("dev-a", inOneHour()));
            int reason = publishReason(a, "devices/dev-b/messages/events/", "{\"forged\":true}");
            assertEquals(NOT_AUTHORIZED, reason);
            assertTrue(a.isConnected(), "MQTT 5 device keeps its connection after a refused publish");
            // Its own telemetry still flows on the same connection.
            assertEquals(0, publishReason(a, "devices/dev-a/messages/events/", "{\"ok\":1}"));
            assertTrue(
                    beforeMarker(watcherOfB, "devices/dev-b/messages/events/").isEmpty(),
                    "B's subscriber must see nothing");
            a.disconnect();
            a.close();
        }
    }

    @Test
    void mqtt5SubscribeToAnotherDevicesDeviceboundIsRefused() throws Exception {
        var a = Clients.v5Device(gw, "dev-a", gw.platform.token("dev-a", inOneHour()));
        List<String> got = new CopyOnWriteArrayList<>();
        IMqttToken token = a.subscribe(
                new MqttSubscription[] {new MqttSubscription("devices/dev-b/messages/devicebound/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(t)});
        int code = token.getReasonCodes()[0];
        assertTrue(code == NOT_AUTHORIZED || code == 0x80, "SUBACK reason was " + code);
        // Its own devicebound topic is allowed.
        IMqttToken own = a.subscribe(
                new MqttSubscription[] {new MqttSubscription("devices/dev-a/messages/devicebound/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(t)});
        assertEquals(1, own.getReasonCodes()[0]);

        try (Backend backend = new Backend(gw, "unused/topic")) {
            var sender = backendPublisher();
            sender.publish(
                    "devices/dev-b/messages/devicebound/%24.mid=1",
                    new MqttMessage("for-b".getBytes(StandardCharsets.UTF_8), 1, false, null));
            sender.publish(
                    "devices/dev-a/messages/devicebound/%24.mid=2",
                    new MqttMessage("for-a".getBytes(StandardCharsets.UTF_8), 1, false, null));
            // a last message for A, after both: once it is there, B's would have been too
            sender.publish(
                    "devices/dev-a/messages/devicebound/%24.mid=3",
                    new MqttMessage("last".getBytes(StandardCharsets.UTF_8), 1, false, null));
            long end = System.currentTimeMillis() + 5000;
            while (got.size() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertEquals(
                    List.of(
                            "devices/dev-a/messages/devicebound/%24.mid=2",
                            "devices/dev-a/messages/devicebound/%24.mid=3"),
                    got,
                    "A gets only its own messages");
            sender.disconnect();
            sender.close();
        }
        a.disconnect();
        a.close();
    }

    @Test
    void mqtt311PublishToAnotherDevicesTelemetryDisconnectsAndDeliversNothing() throws Exception {
        try (Backend watcherOfB = new Backend(gw, "devices/dev-b/messages/events/#")) {
            MqttClient a = Clients.v3Device(gw, "dev-a", "dev-a", gw.platform.token("dev-a", inOneHour()));
            try {
                a.publish(
                        "devices/dev-b/messages/events/",
                        "{\"forged\":true}".getBytes(StandardCharsets.UTF_8),
                        1,
                        false);
            } catch (org.eclipse.paho.client.mqttv3.MqttException expected) {
                // connection lost while waiting for PUBACK
            }
            long end = System.currentTimeMillis() + 3000;
            while (a.isConnected() && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertFalse(a.isConnected(), "a v3.1.1 device publishing to a foreign topic is disconnected");
            assertTrue(
                    beforeMarker(watcherOfB, "devices/dev-b/messages/events/").isEmpty(),
                    "B's subscriber must see nothing");
            a.close();
        }
    }

    @Test
    void iotHubTopicsNamingAnotherDeviceStayUnderTheDevicesOwnId() throws Exception {
        // the gateway puts the device's own id into every $iothub topic it uses, whatever it writes there
        try (Backend backend = new Backend(gw, "$iothub/#")) {
            var a = Clients.v5Device(gw, "dev-a", gw.platform.token("dev-a", inOneHour()));
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.subscribe(
                    new MqttSubscription[] {
                        new MqttSubscription("$iothub/dev-b/methods/POST/#", 1),
                        new MqttSubscription("$iothub/+/methods/POST/#", 1)
                    },
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                        (t, m) -> seen.add(t), (t, m) -> seen.add(t)
                    });
            org.eclipse.paho.mqttv5.common.MqttMessage request =
                    new org.eclipse.paho.mqttv5.common.MqttMessage("{}".getBytes(StandardCharsets.UTF_8));
            request.setQos(1);
            backend.client().publish("$iothub/dev-b/methods/POST/open/?$rid=1", request);
            assertEquals(0, publishReason(a, "$iothub/dev-b/methods/res/200/?$rid=1", "{\"forged\":true}"));
            java.util.List<Clients.Received> atBackend = backend.drain(Duration.ofSeconds(1));
            assertTrue(seen.isEmpty(), "dev-a must not get dev-b's method request: " + seen);
            assertTrue(
                    atBackend.stream()
                            .filter(r -> !r.topic().startsWith("$iothub/dev-b/methods/POST/"))
                            .allMatch(r -> r.topic().startsWith("$iothub/dev-a/")),
                    "dev-a's answer stays under dev-a: " + atBackend);
            a.disconnect();
            a.close();
        }
    }

    /** What {@code watcher} received before a marker the back end publishes now on {@code topic}. */
    private static List<Clients.Received> beforeMarker(Backend watcher, String topic) throws Exception {
        String marker = "marker-" + System.nanoTime();
        var sender = backendPublisher();
        sender.publish(topic, new MqttMessage(marker.getBytes(StandardCharsets.UTF_8), 1, false, null));
        sender.disconnect();
        sender.close();
        return watcher.before(marker, Duration.ofSeconds(10));
    }

    static int publishReason(Clients.V5Client client, String topic, String payload) {
        try {
            IMqttToken token = client.publishWithToken(
                    topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
            token.waitForCompletion(5000);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static org.eclipse.paho.mqttv5.client.MqttClient backendPublisher() throws Exception {
        var client = new org.eclipse.paho.mqttv5.client.MqttClient(
                "tcp://127.0.0.1:" + gw.mqttPort,
                "backend-pub-" + System.nanoTime(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        var options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        options.setUserName(RunningGateway.BACKEND_USER);
        options.setPassword(RunningGateway.BACKEND_PASSWORD.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        return client;
    }
}
