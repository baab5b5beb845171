package org.iotplatform.it;

import static org.iotplatform.it.AlertsIT.body;
import static org.iotplatform.it.AlertsIT.number;
import static org.iotplatform.it.AlertsIT.occurrences;
import static org.iotplatform.it.AlertsIT.rule;
import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a rule does when it raises an alert, against real parts: a device that answers the feedback
 * method and receives the desired patch through the gateway, a real SMTP server (GreenMail) behind
 * a Payara mail resource, and a webhook that fails before it answers.
 */
@ExtendWith(ArquillianExtension.class)
class AlertActionsIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final Pattern METHOD = Pattern.compile("\\$iothub/methods/POST/([^/]+)/\\?\\$rid=(.+)");
    private static final int SMTP_PORT = 3025;

    private static GreenMail smtp;
    private static HttpServer hooks;
    /** Answers of the flaky hook, in order; then 200. */
    private static final List<Integer> flakyAnswers = new CopyOnWriteArrayList<>(List.of(500, 503));

    private static final AtomicInteger flakyCalls = new AtomicInteger();
    private static final List<String> flakyBodies = new CopyOnWriteArrayList<>();
    private static final AtomicInteger brokenCalls = new AtomicInteger();
    private static volatile int brokenStatus = 500;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void startMailAndHooks() throws Exception {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // the mail session as an IT department creates it in Payara
        try {
            Platform.asadmin(
                    "create-javamail-resource",
                    "--mailhost",
                    "127.0.0.1",
                    "--mailuser",
                    "iot-alerts",
                    "--fromaddress",
                    "iot-alerts@platform.test",
                    "--property",
                    "mail-smtp-port=" + SMTP_PORT, // mail-smtp-port becomes the session's mail.smtp.port
                    "mail/iot");
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("already exists")) {
                throw e;
            }
        }
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/flaky", exchange -> {
            flakyCalls.incrementAndGet();
            flakyBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = flakyAnswers.isEmpty() ? 200 : flakyAnswers.remove(0);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hooks.createContext("/broken", exchange -> {
            brokenCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(brokenStatus, -1);
            exchange.close();
        });
        hooks.start();
    }

    @AfterAll
    static void stopMailAndHooks() {
        if (hooks != null) {
            hooks.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aHotPumpIsSlowedDownOnceAndOperatorsAreToldByMailAndWebhookEvenIfTheHookFailsAtFirst() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        await(
                "the command routes are connected",
                Duration.ofSeconds(60),
                () -> Platform.routeStarted("device-method-answers"));
        String run = newId("act");
        String kind = "pump-" + run;
        String id = newId("hot");
        String key = field(create(id, "{\"kind\":\"" + kind + "\"}").body(), "primaryKey");
        String hook = "http://localhost:" + hooks.getAddress().getPort();

        MqttClient device = connectedDevice(id, key);
        List<String> methods = new CopyOnWriteArrayList<>();
        List<String> desired = new CopyOnWriteArrayList<>();
        device.subscribe(
                new MqttSubscription[] {
                    new MqttSubscription("$iothub/methods/POST/#", 1),
                    new MqttSubscription("$iothub/twin/PATCH/properties/desired/#", 1)
                },
                new IMqttMessageListener[] {
                    (topic, message) -> {
                        Matcher m = METHOD.matcher(topic);
                        if (m.matches()) {
                            methods.add(m.group(1) + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
                            String reply = "$iothub/methods/res/200/?$rid=" + m.group(2);
                            new Thread(() -> publishQuietly(device, reply, "{\"rpm\":900}")).start();
                        }
                    },
                    (topic, message) -> desired.add(new String(message.getPayload(), StandardCharsets.UTF_8))
                });

        HttpResponse<String> badHook = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                rule(
                        run + "-meta",
                        "{\"all\":true}",
                        "temperature > 80",
                        "major",
                        ",\"actions\":[{\"type\":\"webhook\",\"url\":\"http://169.254.169.254/latest\"}]"));
        assertEquals(400, badHook.statusCode(), "a hook outside the allow-list is refused: " + badHook.body());

        String actions = "[{\"type\":\"method\",\"name\":\"slowDown\",\"payload\":{\"rpm\":900},\"timeoutSeconds\":10},"
                + "{\"type\":\"desired\",\"properties\":{\"speedLimit\":900}},"
                + "{\"type\":\"email\",\"to\":[\"ops@station.test\"]},"
                + "{\"type\":\"webhook\",\"url\":\"" + hook + "/flaky\"},"
                + "{\"type\":\"workorder\",\"title\":\"Check the cooling\"}]";
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                rule(
                        run + "-hot",
                        "{\"tag\":\"kind:" + kind + "\"}",
                        "temperature > 80",
                        "critical",
                        ",\"actions\":" + actions));
        assertEquals(201, created.statusCode(), created.body());
        long ruleId = number(created.body(), "id");
        try {
            for (int i = 1; i <= 20; i++) {
                publish(device, id, "h" + i, "{\"temperature\":" + (90 + i % 3) + "}");
            }
            await(
                    "one alert counting 20",
                    Duration.ofSeconds(60),
                    () -> body("/api/v1/alerts?deviceId=" + id).contains("\"count\":20"));
            long alertId = number(body("/api/v1/alerts?deviceId=" + id), "id");
            String one = "/api/v1/alerts/" + alertId;
            await(
                    "every action of the raise is done",
                    Duration.ofSeconds(90),
                    () -> occurrences(body(one), "\"state\":\"done\"") == 5);
            String details = body(one);

            // feedback once per raise, not once per hot message
            assertEquals(List.of("slowDown {\"rpm\":900}"), methods, details);
            await("the desired patch reaches the device", Duration.ofSeconds(10), () -> desired.size() == 1);
            assertTrue(desired.get(0).contains("\"speedLimit\":900"), desired.toString());
            assertTrue(details.contains("status 200 {\\\"rpm\\\":900}") || details.contains("status 200"), details);

            // one e-mail through Payara's mail session to the SMTP server
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(1, mails.length, "one e-mail");
            assertTrue(mails[0].getSubject().contains("[CRITICAL] " + run + "-hot on " + id), mails[0].getSubject());
            assertEquals("ops@station.test", mails[0].getAllRecipients()[0].toString());
            assertTrue(String.valueOf(mails[0].getContent()).contains("Alert: " + alertId));

            // the webhook answered 500 and 503 first: three calls, all about this alert
            assertEquals(3, flakyCalls.get(), details);
            assertTrue(
                    flakyBodies.stream().allMatch(b -> b.contains("\"alertId\":" + alertId)), flakyBodies.toString());
            Matcher webhook = Pattern.compile("\"attempts\":(\\d+),\"description\":\"webhook ")
                    .matcher(details);
            assertTrue(webhook.find() && webhook.group(1).equals("3"), details);
            assertTrue(details.contains("requested; no work-order system"), details);
            assertTrue(details.contains("\"what\":\"action\""), details);

            // nothing more is sent while the alert stays active
            for (int i = 21; i <= 25; i++) {
                publish(device, id, "h" + i, "{\"temperature\":95}");
            }
            await("25 counted", Duration.ofSeconds(30), () -> body(one).contains("\"count\":25"));
            Thread.sleep(3_000);
            assertEquals(1, methods.size());
            assertEquals(1, smtp.getReceivedMessages().length);
            assertEquals(3, flakyCalls.get());
        } finally {
            sendJson("DELETE", "/api/v1/rules/" + ruleId, ADMIN, "");
            device.disconnect();
            device.close();
        }
    }

    @Test
    void anActionGivenUpStaysVisibleOnItsAlertAndAnOperatorCanTryItAgain() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("broken");
        String key = field(create(id, "{}").body(), "primaryKey");
        String hook = "http://localhost:" + hooks.getAddress().getPort() + "/broken";
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                rule(
                        newId("hook"),
                        "{\"deviceId\":\"" + id + "\"}",
                        "level < 10",
                        "minor",
                        ",\"actions\":[{\"type\":\"webhook\",\"url\":\"" + hook + "\"}]"));
        assertEquals(201, created.statusCode(), created.body());
        long ruleId = number(created.body(), "id");
        try {
            MqttClient device = connectedDevice(id, key);
            publish(device, id, "l1", "{\"level\":4}");
            device.disconnect();
            device.close();
            await(
                    "the alert",
                    Duration.ofSeconds(30),
                    () -> body("/api/v1/alerts?deviceId=" + id).contains("\"state\":\"open\""));
            long alertId = number(body("/api/v1/alerts?deviceId=" + id), "id");
            String one = "/api/v1/alerts/" + alertId;
            // test.sh: three attempts, a second apart at first
            await(
                    "the hook is given up",
                    Duration.ofSeconds(60),
                    () -> body(one).contains("\"state\":\"failed\""));
            String failed = body(one);
            assertTrue(failed.contains("the webhook answered HTTP 500") && failed.contains("\"attempts\":3"), failed);
            assertTrue(failed.contains("\"what\":\"action-failed\""), failed);
            assertEquals(3, brokenCalls.get());

            String operator = basic("admin", ADMIN_PASSWORD);
            long actionId = number(failed.substring(failed.indexOf("\"actions\"")), "id");
            brokenStatus = 204;
            HttpResponse<String> retried = sendJson("POST", one + "/actions/" + actionId + "/retry", operator, "");
            assertEquals(200, retried.statusCode(), retried.body());
            await(
                    "the retried hook is done",
                    Duration.ofSeconds(30),
                    () -> body(one).contains("\"state\":\"done\""));
            assertTrue(body(one).contains("\"what\":\"action-retried\""));
            assertEquals(4, brokenCalls.get());
            assertEquals(
                    400,
                    sendJson("POST", one + "/actions/999999/retry", operator, "")
                            .statusCode());

            // assigning: to an operator who exists, then to nobody
            HttpResponse<String> assigned = sendJson("POST", one + "/assign", operator, "{\"to\":\"admin\"}");
            assertEquals(200, assigned.statusCode(), assigned.body());
            assertTrue(assigned.body().contains("\"assignedTo\":\"admin\""), assigned.body());
            assertEquals(
                    400,
                    sendJson("POST", one + "/assign", operator, "{\"to\":\"nobody-here\"}")
                            .statusCode());
            HttpResponse<String> unassigned = sendJson("POST", one + "/assign", operator, "{\"to\":null}");
            assertEquals(200, unassigned.statusCode(), unassigned.body());
            assertTrue(!unassigned.body().contains("\"assignedTo\":\"admin\""), unassigned.body());
            assertTrue(unassigned.body().contains("to nobody"), unassigned.body());
        } finally {
            sendJson("DELETE", "/api/v1/rules/" + ruleId, ADMIN, "");
        }
    }

    private static void publish(MqttClient device, String id, String mid, String payload) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=" + mid, m);
    }

    private static void publishQuietly(MqttClient device, String topic, String payload) {
        try {
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            device.publish(topic, m);
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
