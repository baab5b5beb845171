package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * Rules and alerts end to end: devices publish through the real gateway, the platform raises, counts
 * and clears alerts, and operators work with them through REST.
 */
@ExtendWith(ArquillianExtension.class)
class AlertsIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void fiftyHotMessagesMakeOneAlertCountingFiftyThatClearsOnANormalReadingAndOperatorsWorkWithIt() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String run = newId("a");
        String kind = "pump-" + run;
        String id = newId("hotpump");
        String key = field(create(id, "{\"kind\":\"" + kind + "\"}").body(), "primaryKey");
        String operator = account("operator");
        String viewer = account("viewer");

        // bad rules are refused with the reason, never a 500
        for (String bad : new String[] {
            rule(run + "-bad", "{\"tag\":\"kind:" + kind + "\"}", "temperature >", "major", ""),
            rule(run + "-bad", "{\"tag\":\"kind:" + kind + "\"}", "temperature > 80", "urgent", ""),
            rule(
                    run + "-bad",
                    "{\"tag\":\"kind:" + kind + "\"}",
                    "temperature > 80",
                    "major",
                    ",\"heldFor\":\"2 minutes\""),
            rule(run + "-bad", "{\"tag\":\"kind\"}", "temperature > 80", "major", ""),
            rule(
                    run + "-bad",
                    "{\"tag\":\"kind:" + kind + "\"}",
                    "temperature > 80",
                    "major",
                    ",\"inARow\":3,\"heldFor\":\"PT1M\""),
            rule(run + "-bad", "{\"all\":true}", "temperature > 80", "major", ",\"actions\":[{\"type\":\"sms\"}]")
        }) {
            HttpResponse<String> r = sendJson("POST", "/api/v1/rules", ADMIN, bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertTrue(r.body().contains("\"error\":\"invalid-request\""), r.body());
        }
        String hot = rule(
                run + "-hot",
                "{\"tag\":\"kind:" + kind + "\"}",
                "temperature > 80",
                "major",
                ",\"actions\":[{\"type\":\"method\",\"name\":\"reduceSpeed\",\"payload\":{\"rpm\":900}}]");
        assertEquals(403, sendJson("POST", "/api/v1/rules", viewer, hot).statusCode());
        HttpResponse<String> created = sendJson("POST", "/api/v1/rules", ADMIN, hot);
        assertEquals(201, created.statusCode(), created.body());
        long ruleId = number(created.body(), "id");
        String ruleView = get("/api/v1/rules/" + ruleId, viewer).body();
        assertTrue(
                ruleView.contains("\"reduceSpeed\"") && ruleView.contains("\"tag\":\"kind:" + kind + "\""), ruleView);

        try {
            MqttClient device = connectedDevice(id, key);
            for (int i = 1; i <= 50; i++) {
                publish(device, id, "h" + i, "{\"temperature\":" + (85 + i % 5) + "}");
            }
            String alerts = "/api/v1/alerts?deviceId=" + id;
            await(
                    "the alert counts 50 matches",
                    Duration.ofSeconds(60),
                    () -> body(alerts).contains("\"count\":50"));
            String list = body(alerts);
            assertEquals(1, occurrences(list, "\"id\":"), "exactly one alert: " + list);
            assertTrue(list.contains("\"state\":\"open\"") && list.contains("\"active\":true"), list);
            assertTrue(list.contains("\"rule\":\"" + run + "-hot\"") && list.contains("\"severity\":\"major\""), list);
            long alertId = number(list, "id");
            assertTrue(body("/api/v1/alerts?deviceId=" + id + "&state=open&severity=major")
                    .contains("\"id\":" + alertId));
            assertEquals("[]", body("/api/v1/alerts?deviceId=" + id + "&state=cleared"));
            assertEquals(400, get("/api/v1/alerts?state=closed", ADMIN).statusCode());
            assertEquals(400, get("/api/v1/alerts?severity=urgent", ADMIN).statusCode());

            // operators act, viewers only read
            String one = "/api/v1/alerts/" + alertId;
            assertEquals(200, get(one, viewer).statusCode());
            assertEquals(403, sendJson("POST", one + "/ack", viewer, "").statusCode());
            assertEquals(
                    403,
                    sendJson("POST", one + "/comments", viewer, "{\"text\":\"no\"}")
                            .statusCode());
            assertEquals(403, sendJson("POST", one + "/clear", viewer, "").statusCode());
            HttpResponse<String> acked = sendJson("POST", one + "/ack", operator, "");
            assertEquals(200, acked.statusCode(), acked.body());
            assertTrue(acked.body().contains("\"state\":\"acknowledged\""), acked.body());
            assertEquals(
                    400,
                    sendJson("POST", one + "/comments", operator, "{\"text\":\"  \"}")
                            .statusCode());
            assertEquals(
                    200,
                    sendJson("POST", one + "/comments", operator, "{\"text\":\"bearing checked\"}")
                            .statusCode());
            assertEquals(
                    404,
                    sendJson("POST", "/api/v1/alerts/999999999/ack", operator, "")
                            .statusCode());

            // a normal reading clears it by itself
            publish(device, id, "n1", "{\"temperature\":60}");
            await("the alert clears", Duration.ofSeconds(30), () -> body(one).contains("\"state\":\"cleared\""));
            String details = body(one);
            assertTrue(details.contains("\"clearedBy\":\"system\"") && details.contains("\"count\":50"), details);
            assertInOrder(
                    details,
                    "\"what\":\"raised\"",
                    "\"what\":\"acknowledged\"",
                    "\"what\":\"commented\"",
                    "\"what\":\"cleared\"");
            assertTrue(details.contains("bearing checked"), details);

            // hot again: a new alert; an operator clears it by hand
            publish(device, id, "h51", "{\"temperature\":95}");
            await(
                    "a second alert",
                    Duration.ofSeconds(30),
                    () -> body(alerts + "&state=open").contains("\"count\":1"));
            long second = number(body(alerts + "&state=open"), "id");
            assertTrue(second != alertId);
            HttpResponse<String> cleared = sendJson("POST", "/api/v1/alerts/" + second + "/clear", operator, "");
            assertEquals(200, cleared.statusCode(), cleared.body());
            assertTrue(cleared.body().contains("\"state\":\"cleared\"")
                    && cleared.body().contains("cleared by hand"));
            device.disconnect();
            device.close();

            String audit = body("/api/v1/audit?limit=200");
            assertTrue(audit.contains("rule.created"), audit);
            for (String action : new String[] {"alert.acknowledged", "alert.commented", "alert.cleared"}) {
                assertTrue(
                        audit.contains("\"action\":\"" + action + "\"") && audit.contains("alert " + alertId), action);
            }
        } finally {
            assertEquals(
                    204,
                    sendJson("DELETE", "/api/v1/rules/" + ruleId, ADMIN, "").statusCode());
        }
        assertEquals(404, get("/api/v1/rules/" + ruleId, ADMIN).statusCode());
    }

    @Test
    void inARowRaisesOnTheThirdMatchNotBeforeAndAMessageWithoutTheMetricChangesNothing() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("rowpump");
        String key = field(create(id, "{}").body(), "primaryKey");
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                rule(newId("row"), "{\"deviceId\":\"" + id + "\"}", "temperature > 80", "critical", ",\"inARow\":3"));
        assertEquals(201, created.statusCode(), created.body());
        long ruleId = number(created.body(), "id");
        try {
            MqttClient device = connectedDevice(id, key);
            publish(device, id, "r1", "{\"temperature\":90}");
            publish(device, id, "r2", "{\"temperature\":91}");
            publish(device, id, "p1", "{\"pressure\":1.2}");
            String telemetry = "/api/v1/devices/" + id + "/telemetry";
            await(
                    "three messages stored",
                    Duration.ofSeconds(30),
                    () -> occurrences(body(telemetry), "\"metric\"") == 3);
            Thread.sleep(500);
            assertEquals("[]", body("/api/v1/alerts?deviceId=" + id), "two in a row are not three");
            publish(device, id, "r3", "{\"temperature\":92}");
            await(
                    "the third raises it",
                    Duration.ofSeconds(30),
                    () -> body("/api/v1/alerts?deviceId=" + id).contains("\"state\":\"open\""));
            String list = body("/api/v1/alerts?deviceId=" + id);
            assertEquals(1, occurrences(list, "\"id\":"), list);
            assertTrue(list.contains("\"count\":1") && list.contains("\"severity\":\"critical\""), list);
            device.disconnect();
            device.close();
        } finally {
            sendJson("DELETE", "/api/v1/rules/" + ruleId, ADMIN, "");
        }
        String after = body("/api/v1/alerts?deviceId=" + id);
        assertTrue(after.contains("\"state\":\"cleared\"") && !after.contains("\"active\":true"), after);
        assertTrue(body("/api/v1/alerts/" + number(after, "id")).contains("rule deleted"));
    }

    /**
     * After an outage the backlog can commit newer batches before older ones: runs are counted in
     * message time, recounted from storage, so a run that arrives back to front still raises, and one
     * that only looks long in arrival order does not.
     */
    @Test
    void runsCountInMessageTimeWhateverOrderTheirMessagesArriveIn() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("latepump");
        String key = field(create(id, "{}").body(), "primaryKey");
        String gapId = newId("gappump");
        String gapKey = field(create(gapId, "{}").body(), "primaryKey");
        long thirty = newRule(id, "major", ",\"inARow\":30");
        long halfMinute = newRule(id, "minor", ",\"heldFor\":\"PT30S\"");
        long three = newRule(gapId, "major", ",\"inARow\":3");
        Instant base = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        String alerts = "/api/v1/alerts?deviceId=" + id;
        String gapAlerts = "/api/v1/alerts?deviceId=" + gapId;
        try {
            MqttClient device = connectedDevice(id, key);
            for (int s = 20; s < 40; s++) { // the newer half first: 20 in a row over 19 s, neither rule holds
                publishAt(device, id, base.plusSeconds(s), 90);
            }
            awaitStored(id, 20);
            Thread.sleep(500);
            assertEquals("[]", body(alerts), "20 in a row over 19 s hold neither rule");
            for (int s = 0; s < 20; s++) { // then the older half: 40 in a row over 39 s
                publishAt(device, id, base.plusSeconds(s), 91);
            }
            await(
                    "both rules raise once the older half is stored",
                    Duration.ofSeconds(30),
                    () -> occurrences(body(alerts + "&state=open"), "\"id\":") == 2);
            device.disconnect();
            device.close();

            MqttClient gap = connectedDevice(gapId, gapKey);
            publishAt(gap, gapId, base.plusSeconds(20), 50); // normal, stored first
            awaitStored(gapId, 1);
            publishAt(gap, gapId, base.plusSeconds(10), 90);
            publishAt(gap, gapId, base.plusSeconds(15), 90);
            awaitStored(gapId, 3);
            publishAt(gap, gapId, base.plusSeconds(25), 90); // third hot message to arrive, first after the gap
            awaitStored(gapId, 4);
            Thread.sleep(500);
            assertEquals("[]", body(gapAlerts), "in message time the normal reading at +20 s broke the run");
            publishAt(gap, gapId, base.plusSeconds(26), 90);
            publishAt(gap, gapId, base.plusSeconds(27), 90);
            await(
                    "three in a row after the gap raise it",
                    Duration.ofSeconds(30),
                    () -> body(gapAlerts).contains("\"state\":\"open\""));
            assertEquals(1, occurrences(body(gapAlerts), "\"id\":"));
            gap.disconnect();
            gap.close();
        } finally {
            for (long rule : new long[] {thirty, halfMinute, three}) {
                sendJson("DELETE", "/api/v1/rules/" + rule, ADMIN, "");
            }
        }
    }

    private static long newRule(String deviceId, String severity, String timing) throws Exception {
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                rule(newId("run"), "{\"deviceId\":\"" + deviceId + "\"}", "temperature > 80", severity, timing));
        assertEquals(201, created.statusCode(), created.body());
        return number(created.body(), "id");
    }

    private static void publishAt(MqttClient device, String id, Instant ts, double temperature) throws Exception {
        publish(device, id, "at-" + ts.toEpochMilli(), "{\"ts\":\"" + ts + "\",\"temperature\":" + temperature + "}");
    }

    private static void awaitStored(String id, int messages) throws Exception {
        String telemetry = "/api/v1/devices/" + id + "/telemetry";
        await(
                messages + " messages of " + id + " stored",
                Duration.ofSeconds(30),
                () -> occurrences(body(telemetry), "\"metric\"") == messages);
    }

    @Test
    void anAverageOverASlidingWindowRaisesWhenTheMeanIsHighAndClearsWhenItFalls() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("avgpump");
        String key = field(create(id, "{}").body(), "primaryKey");
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                rule(
                        newId("avg"),
                        "{\"deviceId\":\"" + id + "\"}",
                        "temperature > 80",
                        "major",
                        ",\"aggregate\":{\"function\":\"avg\",\"window\":\"PT5M\"}"));
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(
                created.body().contains("\"function\":\"avg\"")
                        && created.body().contains("\"window\":\"PT5M\"")
                        && created.body().contains("\"mode\":\"sliding\""),
                created.body());
        long ruleId = number(created.body(), "id");
        String alerts = "/api/v1/alerts?deviceId=" + id;
        try {
            MqttClient device = connectedDevice(id, key);
            int stored = 0;
            for (double t : new double[] {70, 80, 100}) { // mean 70, 75, 83.3
                publish(device, id, "t" + stored, "{\"temperature\":" + t + "}");
                int expected = ++stored;
                await(
                        expected + " stored",
                        Duration.ofSeconds(30),
                        () -> occurrences(body("/api/v1/devices/" + id + "/telemetry"), "\"metric\"") == expected);
                if (t < 100) {
                    assertEquals("[]", body(alerts), "a mean of at most 80 raises nothing");
                }
            }
            await(
                    "the mean over 80 raises it",
                    Duration.ofSeconds(30),
                    () -> body(alerts).contains("\"state\":\"open\""));
            assertTrue(body(alerts).contains("83.3"), body(alerts));
            publish(device, id, "t3", "{\"temperature\":60}");
            publish(device, id, "t4", "{\"temperature\":60}"); // mean 74
            await(
                    "the mean falls: cleared",
                    Duration.ofSeconds(30),
                    () -> body(alerts).contains("\"state\":\"cleared\""));
            assertEquals(1, occurrences(body(alerts), "\"id\":"));
            device.disconnect();
            device.close();
        } finally {
            sendJson("DELETE", "/api/v1/rules/" + ruleId, ADMIN, "");
        }
    }

    static String rule(String name, String devices, String condition, String severity, String more) {
        return "{\"name\":\"" + name + "\",\"devices\":" + devices + ",\"condition\":\"" + condition
                + "\",\"severity\":\"" + severity + "\"" + more + "}";
    }

    private static String account(String role) throws Exception {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\"" + role + "-password-123\"}");
        assertTrue(r.statusCode() / 100 == 2, r.body());
        return basic(name, role + "-password-123");
    }

    private static void publish(MqttClient device, String id, String mid, String payload) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=" + mid, m);
    }

    static String body(String path) {
        try {
            HttpResponse<String> r = get(path, ADMIN);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }

    static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static void assertInOrder(String text, String... parts) {
        List<Integer> at = new ArrayList<>();
        for (String p : parts) {
            at.add(text.indexOf(p));
        }
        assertFalse(at.contains(-1), "all of " + List.of(parts) + " in " + text);
        for (int i = 1; i < at.size(); i++) {
            assertTrue(at.get(i - 1) < at.get(i), "in order " + List.of(parts) + ": " + text);
        }
    }
}
