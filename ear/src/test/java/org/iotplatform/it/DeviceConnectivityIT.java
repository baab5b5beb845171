package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.DeviceRegistryIT.sasToken;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end: the real gateway process asks the real platform whether devices may connect,
 * reports their connections, and drops a device the platform disables.
 */
@ExtendWith(ArquillianExtension.class)
class DeviceConnectivityIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    /** Paho's callback with nothing to do by default. */
    private abstract static class Callbacks implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private static MqttClient device(String id) throws MqttException {
        return new MqttClient("ssl://localhost:" + GatewayProcess.MQTTS_PORT, id, new MemoryPersistence());
    }

    private static MqttConnectionOptions tokenOptions(String id, String token) throws Exception {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("iothub.local/" + id + "/?api-version=2021-04-12");
        o.setPassword(token.getBytes(StandardCharsets.UTF_8));
        o.setSocketFactory(gateway.deviceTls().getSocketFactory());
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(15);
        return o;
    }

    private static String connectionState(String id) {
        try {
            return field(get("/api/v1/devices/" + id, ADMIN).body(), "connectionState");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRegisteredDeviceConnectsOverTlsPublishesAndItsStateIsTracked() throws Exception {
        String id = newId("e2e");
        String key = field(create(id, "{\"kind\":\"pump\"}").body(), "primaryKey");

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient backend = new MqttClient(
                "tcp://localhost:" + GatewayProcess.MQTT_PORT, "backend-it-" + id, new MemoryPersistence());
        MqttConnectionOptions bo = new MqttConnectionOptions();
        bo.setUserName(GatewayProcess.BACKEND_USER);
        bo.setPassword(gateway.backendPassword.getBytes(StandardCharsets.UTF_8));
        backend.setCallback(new Callbacks() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        });
        backend.connect(bo);
        backend.subscribe("devices/" + id + "/messages/events/#", 1);

        MqttClient device = device(id);
        device.connect(tokenOptions(id, sasToken(id, key, Instant.now().plusSeconds(3600))));
        MqttMessage m = new MqttMessage("{\"temperature\":71.3,\"pressure\":3.2}".getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=m-1", m);

        String got = received.poll(20, TimeUnit.SECONDS);
        assertTrue(got != null && got.contains("\"temperature\":71.3"), "backend received " + got);
        await("connected in the registry", Duration.ofSeconds(10), () -> "connected".equals(connectionState(id)));
        assertTrue(field(get("/api/v1/devices/" + id, ADMIN).body(), "lastActivityTime") != null);

        device.disconnect();
        device.close();
        await("disconnected in the registry", Duration.ofSeconds(10), () -> "disconnected".equals(connectionState(id)));
        backend.disconnect();
        backend.close();
    }

    @Test
    void aDeviceTheAdminDisablesIsDroppedWithinFiveSecondsAndRefusedAfterwards() throws Exception {
        String id = newId("e2e-off");
        String key = field(create(id, "{}").body(), "primaryKey");
        String token = sasToken(id, key, Instant.now().plusSeconds(3600));
        MqttClient device = device(id);
        CountDownLatch dropped = new CountDownLatch(1);
        device.setCallback(new Callbacks() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                dropped.countDown();
            }
        });
        device.connect(tokenOptions(id, token));

        long start = System.nanoTime();
        assertEquals(
                200,
                sendJson("PATCH", "/api/v1/devices/" + id, ADMIN, "{\"status\":\"disabled\"}")
                        .statusCode());
        assertTrue(dropped.await(5, TimeUnit.SECONDS) || !device.isConnected(), "dropped within 5 s");
        System.out.println("FIGURE disable-to-disconnect: " + (System.nanoTime() - start) / 1_000_000 + " ms");

        MqttClient again = device(id + "");
        assertThrows(MqttException.class, () -> again.connect(tokenOptions(id, token)));
        again.close();
        device.close();
    }

    @Test
    void telemetryIsStoredOnceQueryableAndBadInputIsKeptWithItsReason() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("tele");
        String key = field(create(id, "{}").body(), "primaryKey");
        MqttClient device = device(id);
        device.connect(tokenOptions(id, sasToken(id, key, Instant.now().plusSeconds(3600))));
        Instant ts = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(device, id, "$.mid=m-1", "{\"ts\":\"" + ts + "\",\"temperature\":70.5,\"pressure\":3.1}");
        publish(device, id, "$.mid=m-1", "{\"ts\":\"" + ts + "\",\"temperature\":70.5,\"pressure\":3.1}");
        publish(device, id, "$.mid=m-2", "temperature is 71");
        publish(device, id, "$.mid=m-3", "{\"temperature\":\"hot\"}");
        publish(device, id, "$.mid=m-4&$.ct=application%2Fjson", "{\"temperature\":71}");
        device.disconnect();
        device.close();

        String from = Instant.now().minusSeconds(3600).toString();
        await("three values stored", Duration.ofSeconds(30), () -> {
            try {
                return get("/api/v1/devices/" + id + "/telemetry?from=" + from, ADMIN)
                                        .body()
                                        .split("\"metric\"")
                                        .length
                                - 1
                        == 3;
            } catch (Exception e) {
                throw new IllegalStateException(e); // await reports the last failure
            }
        });
        String rows =
                get("/api/v1/devices/" + id + "/telemetry?from=" + from, ADMIN).body();
        assertTrue(rows.contains("{\"ts\":\"" + ts + "\",\"metric\":\"pressure\",\"value\":3.1}"), rows);
        assertTrue(rows.contains("\"metric\":\"temperature\",\"value\":71.0}"), rows);
        String temperatureOnly = get("/api/v1/devices/" + id + "/telemetry?metric=temperature&from=" + from, ADMIN)
                .body();
        assertEquals(
                2,
                temperatureOnly.split("\"metric\"").length - 1,
                "the duplicate m-1 was stored once: " + temperatureOnly);

        String csv = Platform.send(Platform.request("/api/v1/devices/" + id + "/telemetry?metric=pressure&from=" + from)
                        .header("Authorization", ADMIN)
                        .header("Accept", "text/csv")
                        .GET()
                        .build())
                .body();
        assertEquals("ts,metric,value\n" + ts + ",pressure,3.1\n", csv);

        await("both bad messages kept with their reasons", Duration.ofSeconds(10), () -> {
            try {
                String rejected =
                        get("/api/v1/devices/" + id + "/rejected", ADMIN).body();
                return rejected.contains("not JSON")
                        && rejected.contains("has a string value")
                        && rejected.contains("\"messageId\":\"m-2\"")
                        && rejected.contains("temperature is 71");
            } catch (Exception e) {
                throw new IllegalStateException(e); // await reports the last failure
            }
        });
    }

    private static void publish(MqttClient device, String id, String properties, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/" + properties, m);
    }

    @Test
    void wrongTokensAndUnknownDevicesAreRefused() throws Exception {
        String id = newId("e2e-bad");
        String key = field(create(id, "{}").body(), "primaryKey");
        MqttClient expired = device(id);
        assertThrows(
                MqttException.class,
                () -> expired.connect(
                        tokenOptions(id, sasToken(id, key, Instant.now().minusSeconds(10)))));
        expired.close();
        String otherKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        MqttClient forged = device(id);
        assertThrows(
                MqttException.class,
                () -> forged.connect(
                        tokenOptions(id, sasToken(id, otherKey, Instant.now().plusSeconds(600)))));
        forged.close();
        MqttClient unknown = device("never-registered-" + id);
        assertThrows(
                MqttException.class,
                () -> unknown.connect(tokenOptions(
                        "never-registered-" + id,
                        sasToken("never-registered-" + id, key, Instant.now().plusSeconds(600)))));
        unknown.close();
        assertEquals("disconnected", connectionState(id));
    }
}
