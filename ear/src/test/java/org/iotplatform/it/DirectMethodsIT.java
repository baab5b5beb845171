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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Direct methods end to end: REST -> EJB -> Camel -> gateway -> a real MQTT device subscribed to IoT
 * Hub's id-less method topic, and its answer back, correlated by request id; many at once; time-out,
 * offline device, and a device that tries to answer for another.
 */
@ExtendWith(ArquillianExtension.class)
class DirectMethodsIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final Pattern REQUEST = Pattern.compile("\\$iothub/methods/POST/([^/]+)/\\?\\$rid=(.+)");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void aMethodReachesTheDeviceAndItsAnswerComesBackManyAtOnce() throws Exception {
        String id = newId("meth");
        MqttClient device = connectedAnsweringDevice(id);

        HttpResponse<String> r = invoke(id, "setSpeed", "{\"payload\":{\"rpm\":1200},\"timeoutSeconds\":10}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":200,\"payload\":{\"method\":\"setSpeed\",\"request\":{\"rpm\":1200}}}", r.body());

        HttpResponse<String> unknown = invoke(id, "selfDestruct", "{\"timeoutSeconds\":10}");
        assertEquals(200, unknown.statusCode(), "the device's own error is an answer: " + unknown.body());
        assertTrue(unknown.body().startsWith("{\"status\":404,"), unknown.body());

        // 100 calls in flight at once, each answered with its own payload
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(Platform.BASE_URL + "/api/v1/devices/" + id + "/methods/echo"))
                            .header("Authorization", ADMIN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"payload\":{\"n\":" + n + "},\"timeoutSeconds\":30}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int n = 0; n < 100; n++) {
            HttpResponse<String> answer = calls.get(n).get();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(
                    "{\"status\":200,\"payload\":{\"method\":\"echo\",\"request\":{\"n\":" + n + "}}}", answer.body());
        }

        // the history is written after the answers, in batches: every call is there shortly
        await("every call kept", Duration.ofSeconds(15), () -> {
            try {
                return get("/api/v1/devices/" + id + "/commands?limit=200", ADMIN)
                                        .body()
                                        .split("\"kind\":\"method\"")
                                        .length
                                - 1
                        == 102;
            } catch (Exception e) {
                throw new IllegalStateException(e); // await reports the last failure
            }
        });
        String history =
                get("/api/v1/devices/" + id + "/commands?limit=200", ADMIN).body();
        assertTrue(history.contains("\"name\":\"setSpeed\"") && history.contains("\"state\":\"completed\""), history);
        assertEquals(102, history.split("\"kind\":\"method\"").length - 1, "every call kept, once");
        assertTrue(get("/api/v1/audit?limit=500", ADMIN).body().contains("setSpeed -> 200"), "in the audit log");
        String stats = get("/api/v1/commands/stats", ADMIN).body();
        assertTrue(
                stats.contains("\"historyBatchesFailed\":0"),
                "kept in batches, not row by row after a failure: " + stats);
        device.disconnect();
        device.close();
    }

    @Test
    void noAnswerInTimeIs504AndAnOfflineDeviceIs404() throws Exception {
        awaitCommands();
        String id = newId("meth");
        String key = field(create(id, "{}").body(), "primaryKey");
        HttpResponse<String> offline = invoke(id, "reboot", "{\"timeoutSeconds\":10}");
        assertEquals(404, offline.statusCode(), offline.body());
        assertTrue(offline.body().contains("not connected"), offline.body());
        assertEquals(404, invoke("no-such-device-" + id, "reboot", "{}").statusCode());
        assertEquals(400, invoke(id, "bad%20name", "{}").statusCode(), "a method name with a space");

        MqttClient device = answeringDevice(id, key, null);
        awaitConnected(id);
        long start = System.nanoTime();
        HttpResponse<String> slow = invoke(id, "ignore", "{\"timeoutSeconds\":5}");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(504, slow.statusCode(), slow.body());
        assertTrue(seconds >= 5 && seconds < 15, "timed out after " + seconds + " s");
        assertEquals(400, invoke(id, "reboot", "{\"timeoutSeconds\":1000}").statusCode(), "time-out out of range");
        device.disconnect();
        device.close();
    }

    @Test
    void onlyAdminsAndOperatorsInvokeMethods() throws Exception {
        String id = newId("methrole");
        MqttClient device = connectedAnsweringDevice(id);
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        for (String role : List.of("viewer", "operator")) {
            sendJson(
                    "POST",
                    "/api/v1/operators",
                    ADMIN,
                    "{\"username\":\"" + role + "-" + suffix + "\",\"role\":\"" + role + "\",\"password\":\"" + role
                            + "-password-123\"}");
        }
        String body = "{\"payload\":{\"rpm\":900},\"timeoutSeconds\":10}";
        String path = "/api/v1/devices/" + id + "/methods/setSpeed";
        HttpResponse<String> viewer = sendJson("POST", path, basic("viewer-" + suffix, "viewer-password-123"), body);
        assertEquals(403, viewer.statusCode(), viewer.body());
        assertTrue(viewer.body().contains("\"error\":\"forbidden\""), viewer.body());
        assertEquals(
                401,
                sendJson("POST", path, basic("viewer-" + suffix, "wrong-password"), body)
                        .statusCode());
        HttpResponse<String> operator =
                sendJson("POST", path, basic("operator-" + suffix, "operator-password-123"), body);
        assertEquals(200, operator.statusCode(), operator.body());
        device.disconnect();
        device.close();
    }

    @Test
    void aDeviceCannotAnswerAnotherDevicesMethod() throws Exception {
        awaitCommands();
        String victim = newId("meth");
        String forger = newId("meth");
        MqttClient forgerDevice =
                answeringDevice(forger, field(create(forger, "{}").body(), "primaryKey"), null);
        AtomicReference<MqttClient> forgerRef = new AtomicReference<>(forgerDevice);
        // the victim is slow; the forger learns the request id and answers first under its own connection
        MqttClient victimDevice =
                answeringDevice(victim, field(create(victim, "{}").body(), "primaryKey"), forgerRef);
        awaitConnected(victim);
        awaitConnected(forger);
        HttpResponse<String> r = invoke(victim, "status", "{\"timeoutSeconds\":20}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(
                "{\"status\":200,\"payload\":{\"method\":\"status\",\"request\":null}}",
                r.body(),
                "only the victim's own answer counts");
        victimDevice.disconnect();
        victimDevice.close();
        forgerDevice.disconnect();
        forgerDevice.close();
    }

    /**
     * A device that answers every method with {"method":..,"request":..}, 404 for "selfDestruct", never
     * for "ignore". With {@code forger} set it is slow (1 s), and the forger answers its requests first.
     */
    /** A new registered device, connected and answering every method, once commands can flow. */
    private static MqttClient connectedAnsweringDevice(String id) throws Exception {
        awaitCommands();
        MqttClient device = answeringDevice(id, field(create(id, "{}").body(), "primaryKey"), null);
        awaitConnected(id);
        return device;
    }

    private static MqttClient answeringDevice(String id, String key, AtomicReference<MqttClient> forger)
            throws Exception {
        MqttClient device = connectedDevice(id, key);
        device.subscribe(
                new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("$iothub/methods/POST/#", 1)
                },
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, message) -> {
                        Matcher m = REQUEST.matcher(topic);
                        if (!m.matches() || m.group(1).equals("ignore")) {
                            return;
                        }
                        String request = new String(message.getPayload(), StandardCharsets.UTF_8);
                        int status = m.group(1).equals("selfDestruct") ? 404 : 200;
                        String answer = "{\"method\":\"" + m.group(1) + "\",\"request\":" + request + "}";
                        String replyTopic = "$iothub/methods/res/" + status + "/?$rid=" + m.group(2);
                        new Thread(() -> {
                                    try {
                                        if (forger != null) {
                                            forger.get().publish(replyTopic, bytes("{\"forged\":true}"));
                                            Thread.sleep(1000);
                                        }
                                        device.publish(replyTopic, bytes(answer));
                                    } catch (Exception e) {
                                        e.printStackTrace();
                                    }
                                })
                                .start();
                    }
                });
        return device;
    }

    private static MqttMessage bytes(String text) {
        MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return m;
    }

    private static HttpResponse<String> invoke(String id, String method, String body) throws Exception {
        return sendJson("POST", "/api/v1/devices/" + id + "/methods/" + method, ADMIN, body);
    }

    private static void awaitConnected(String id) throws InterruptedException {
        await(
                id + " connected",
                Duration.ofSeconds(15),
                () -> bodyOf("/api/v1/devices/" + id).contains("\"connectionState\":\"connected\""));
    }

    private static void awaitCommands() throws InterruptedException {
        awaitIngress(Duration.ofSeconds(60));
        await(
                "the command routes are connected",
                Duration.ofSeconds(60),
                () -> Platform.routeStarted("device-method-answers"));
    }

    private static String bodyOf(String path) {
        try {
            return get(path, path.startsWith("/health") ? null : ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
