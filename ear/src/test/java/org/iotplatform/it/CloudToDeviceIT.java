package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cloud-to-device messages end to end with a real MQTT device: queued while it is offline and
 * delivered, in order, when it connects; delivered at once when it is online; each one's state
 * (enqueued, delivered, expired) readable over REST; time to live; at most 50 waiting per device.
 */
@ExtendWith(ArquillianExtension.class)
class CloudToDeviceIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void queuedWhileOfflineDeliveredOnConnectAndTrackedToTheEnd() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("c2d");
        String key = field(create(id, "{}").body(), "primaryKey");
        List<String> arrived = new CopyOnWriteArrayList<>();
        // the device has a persistent session with its subscription, then goes offline
        MqttClient device = new MqttClient("ssl://localhost:" + GatewayProcess.MQTTS_PORT, id, new MemoryPersistence());
        connect(device, id, key, arrived);
        device.disconnect();
        await(
                id + " offline",
                Duration.ofSeconds(15),
                () -> body("/api/v1/devices/" + id).contains("\"connectionState\":\"disconnected\""));

        String first = send(
                id, "{\"payload\":{\"cmd\":\"open valve\"},\"properties\":{\"priority\":\"high\"},\"ttlSeconds\":600}");
        String second = send(id, "{\"payload\":\"plain text\"}");
        String shortLived = send(id, "{\"payload\":{\"cmd\":\"stale\"},\"ttlSeconds\":1}");
        assertTrue(body("/api/v1/devices/" + id + "/messages/" + first).contains("\"state\":\"enqueued\""));
        await(
                "the short-lived message expires",
                Duration.ofSeconds(30),
                () -> body("/api/v1/devices/" + id + "/messages/" + shortLived).contains("\"state\":\"expired\""));

        connect(device, id, key, arrived);
        await(
                "both messages delivered",
                Duration.ofSeconds(30),
                () -> state(id, first).equals("delivered") && state(id, second).equals("delivered"));
        assertTrue(arrived.size() >= 2, "arrived: " + arrived);
        assertTrue(
                arrived.get(0).contains("%24.mid=" + first)
                        && arrived.get(0).contains("priority=high")
                        && arrived.get(0).endsWith("{\"cmd\":\"open valve\"}"),
                arrived.get(0));
        assertTrue(
                arrived.stream().anyMatch(a -> a.contains("%24.mid=" + second) && a.endsWith("plain text")),
                arrived.toString());
        assertTrue(
                arrived.stream().noneMatch(a -> a.contains(shortLived)),
                "an expired message is not delivered: " + arrived);

        // online: delivered at once
        String online = send(id, "{\"payload\":{\"cmd\":\"close valve\"}}");
        await(
                "delivered while online",
                Duration.ofSeconds(15),
                () -> state(id, online).equals("delivered"));
        String list = body("/api/v1/devices/" + id + "/messages?state=delivered");
        assertEquals(3, list.split("\"messageId\"").length - 1, list);
        device.disconnect();
        device.close();
    }

    @Test
    void atMostFiftyMessagesWaitPerDevice() throws Exception {
        String id = newId("c2d");
        create(id, "{}");
        for (int i = 0; i < 50; i++) {
            send(id, "{\"payload\":{\"n\":" + i + "}}");
        }
        var full = sendJson("POST", "/api/v1/devices/" + id + "/messages", ADMIN, "{\"payload\":{\"n\":50}}");
        assertEquals(429, full.statusCode(), full.body());
        assertTrue(full.body().contains("50 messages waiting"), full.body());
        assertEquals(
                400,
                sendJson("POST", "/api/v1/devices/" + id + "/messages", ADMIN, "{\"payload\":1,\"ttlSeconds\":0}")
                        .statusCode());
        assertEquals(
                404,
                sendJson("POST", "/api/v1/devices/no-such-" + id + "/messages", ADMIN, "{\"payload\":1}")
                        .statusCode());
    }

    private static void connect(MqttClient device, String id, String key, List<String> arrived) throws Exception {
        MqttConnectionOptions o = deviceOptions(id, key);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        device.connect(o);
        device.subscribe(
                new MqttSubscription[] {new MqttSubscription("devices/" + id + "/messages/devicebound/#", 1)},
                new IMqttMessageListener[] {
                    (topic, m) -> arrived.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8))
                });
    }

    private static String send(String id, String json) throws Exception {
        var r = sendJson("POST", "/api/v1/devices/" + id + "/messages", ADMIN, json);
        assertEquals(202, r.statusCode(), r.body());
        return field(r.body(), "messageId");
    }

    private static String state(String id, String messageId) {
        return field(body("/api/v1/devices/" + id + "/messages/" + messageId), "state");
    }

    private static String body(String path) {
        try {
            return get(path, ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
