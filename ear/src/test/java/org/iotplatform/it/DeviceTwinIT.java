package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The device twin end to end with a real MQTT device on IoT Hub's twin topics: the device reads its
 * twin and reports; the back end reads with an ETag, changes desired properties and tags (a stale
 * If-Match gets 412), the connected device is told, and a device that was offline gets the latest
 * desired properties when it reconnects. A device only ever sees its own twin.
 */
@ExtendWith(ArquillianExtension.class)
class DeviceTwinIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void reportedAndDesiredPropertiesWithVersionsAndConcurrency() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        await("twin routes", Duration.ofSeconds(60), () -> Platform.routeStarted("device-twin-reports"));
        String id = newId("twin");
        String key = field(create(id, "{\"site\":\"north\"}").body(), "primaryKey");
        TwinDevice device = new TwinDevice(id, key);
        await(
                id + " connected",
                Duration.ofSeconds(15),
                () -> body("/api/v1/devices/" + id, ADMIN).contains("\"connectionState\":\"connected\""));

        Received empty = device.request("$iothub/twin/GET/?$rid=1", "");
        assertEquals("$iothub/twin/res/200/?$rid=1", empty.topic);
        assertEquals("{\"desired\":{\"$version\":1},\"reported\":{\"$version\":1}}", empty.payload);

        Received reported = device.request(
                "$iothub/twin/PATCH/properties/reported/?$rid=2", "{\"firmware\":\"1.2\",\"interval\":5}");
        assertEquals("$iothub/twin/res/204/?$rid=2&$version=2", reported.topic);
        Received refused = device.request("$iothub/twin/PATCH/properties/reported/?$rid=3", "not json");
        assertTrue(refused.topic.startsWith("$iothub/twin/res/400/?$rid=3"), refused.topic);

        HttpResponse<String> twin = send("GET", id, null, null);
        assertEquals(200, twin.statusCode(), twin.body());
        String etag = twin.headers().firstValue("ETag").orElseThrow();
        assertTrue(
                twin.body().contains("\"reported\":{\"firmware\":\"1.2\",\"interval\":5,\"$version\":2}"), twin.body());
        assertTrue(twin.body().contains("\"tags\":{\"site\":\"north\"}"), twin.body());

        HttpResponse<String> changed =
                send("PATCH", id, etag, "{\"properties\":{\"desired\":{\"interval\":10}},\"tags\":{\"pump\":\"p1\"}}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(changed.body().contains("\"desired\":{\"interval\":10,\"$version\":2}"), changed.body());
        assertTrue(changed.body().contains("\"tags\":{\"pump\":\"p1\",\"site\":\"north\"}"), changed.body());
        Received desired = device.next(d -> d.topic.startsWith("$iothub/twin/PATCH/properties/desired/"));
        assertEquals("$iothub/twin/PATCH/properties/desired/?$version=2", desired.topic);
        assertEquals("{\"interval\":10,\"$version\":2}", desired.payload);

        HttpResponse<String> stale = send("PATCH", id, etag, "{\"properties\":{\"desired\":{\"interval\":99}}}");
        assertEquals(412, stale.statusCode(), "a stale ETag is refused: " + stale.body());
        assertEquals(
                400,
                send("PATCH", id, null, "{\"properties\":{\"reported\":{\"x\":1}}}")
                        .statusCode(),
                "reported is the device's");
        assertEquals(
                400,
                send("PATCH", id, null, "{\"properties\":{\"desired\":{\"$bad\":1}}}")
                        .statusCode());

        // offline while the desired properties change; on reconnect the device gets the latest
        device.client.disconnect();
        await(
                id + " disconnected",
                Duration.ofSeconds(15),
                () -> body("/api/v1/devices/" + id, ADMIN).contains("\"connectionState\":\"disconnected\""));
        assertEquals(
                200,
                send("PATCH", id, null, "{\"properties\":{\"desired\":{\"interval\":20,\"mode\":\"eco\"}}}")
                        .statusCode());
        device.received.clear();
        device.connect();
        Received caughtUp = device.next(d ->
                d.topic.startsWith("$iothub/twin/PATCH/properties/desired/") && d.payload.contains("\"interval\":20"));
        assertTrue(
                caughtUp.payload.contains("\"mode\":\"eco\"") && caughtUp.payload.contains("\"$version\":3"),
                caughtUp.payload);

        // another device reads only its own twin
        String other = newId("twin");
        TwinDevice otherDevice = new TwinDevice(other, field(create(other, "{}").body(), "primaryKey"));
        Received own = otherDevice.request("$iothub/twin/GET/?$rid=9", "");
        assertEquals("{\"desired\":{\"$version\":1},\"reported\":{\"$version\":1}}", own.payload);
        assertFalse(own.payload.contains("firmware"));

        String history = body("/api/v1/devices/" + id + "/commands", ADMIN);
        assertTrue(history.contains("\"kind\":\"desired\""), history);
        device.client.disconnect();
        otherDevice.client.disconnect();
    }

    private static HttpResponse<String> send(String method, String id, String ifMatch, String json) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(
                        URI.create(Platform.BASE_URL + "/api/v1/devices/" + id + "/twin"))
                .header("Authorization", ADMIN)
                .timeout(Duration.ofSeconds(20));
        if (ifMatch != null) {
            r.header("If-Match", ifMatch);
        }
        r.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String path, String auth) {
        try {
            return get(path, auth).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Received(String topic, String payload) {}

    /** A device using IoT Hub's id-less twin topics, with a persistent session. */
    private static final class TwinDevice {
        final String id;
        final String key;
        final MqttClient client;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        TwinDevice(String id, String key) throws Exception {
            this.id = id;
            this.key = key;
            this.client = new MqttClient("ssl://localhost:" + GatewayProcess.MQTTS_PORT, id, new MemoryPersistence());
            connect();
        }

        void connect() throws Exception {
            MqttConnectionOptions options = deviceOptions(id, key);
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
            client.connect(options);
            IMqttMessageListener listener =
                    (topic, m) -> received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8)));
            client.subscribe(
                    new MqttSubscription[] {
                        new MqttSubscription("$iothub/twin/res/#", 1),
                        new MqttSubscription("$iothub/twin/PATCH/properties/desired/#", 1)
                    },
                    new IMqttMessageListener[] {listener, listener});
        }

        Received request(String topic, String payload) throws Exception {
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            client.publish(topic, m);
            String rid = topic.substring(topic.indexOf("$rid=") + 5);
            return next(r -> r.topic.startsWith("$iothub/twin/res/") && r.topic.contains("$rid=" + rid));
        }

        Received next(java.util.function.Predicate<Received> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Received r = received.poll(500, TimeUnit.MILLISECONDS);
                if (r != null && wanted.test(r)) {
                    return r;
                }
            }
            assertNotNull(null, id + ": nothing wanted arrived within 20 s");
            return null;
        }
    }
}
