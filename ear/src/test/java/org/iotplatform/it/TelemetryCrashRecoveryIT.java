package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application server is killed (SIGKILL, no shutdown of any kind) while a device streams
 * telemetry, and started again: every message the gateway accepted is in the database exactly once.
 * What was in flight inside the platform was never acknowledged, so the broker delivers it again.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryCrashRecoveryIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void ingressConnected() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
    }

    @Test
    void killingTheApplicationServerMidStreamLosesAndDuplicatesNothing() throws Exception {
        String id = newId("crash");
        String key = field(create(id, "{}").body(), "primaryKey");
        MqttAsyncClient device = connectedAsyncDevice(id, key);
        // a rule raises before or after the kill, whichever way the backlog is redelivered: one alert,
        // every matching message (levels 500-2999) counted once
        long rule = rule(id, "crash-hot", "minor", "level >= 500", ",\"inARow\":1");
        // runs that span the kill, however the backlog's batches commit: 300 in a row (messages 500-799
        // may commit after 800-2999), and held for 100 s from message 500 (at 50 s) to 1500: the kill at
        // message 1000 falls in the middle of the window
        long run = rule(id, "crash-run", "major", "level >= 500", ",\"inARow\":300");
        long held = rule(id, "crash-held", "warning", "level >= 500", ",\"heldFor\":\"PT100S\"");

        int total = 3000;
        int killAt = 1000;
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES);
        List<IMqttToken> sent = new ArrayList<>();
        ProcessHandle server = applicationServer();
        for (int i = 0; i < total; i++) {
            MqttMessage m = new MqttMessage(("{\"ts\":\"" + start.plusMillis(i * 100L) + "\",\"level\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            sent.add(device.publish("devices/" + id + "/messages/events/$.mid=c" + i, m));
            if (i == killAt) {
                server.destroyForcibly(); // SIGKILL
                server.onExit().get(30, TimeUnit.SECONDS); // fails the test if it does not die
            }
            if (i % 100 == 0) {
                Thread.sleep(20); // a stream, not one burst: the platform is busy storing when it dies
            }
        }
        for (IMqttToken t : sent) {
            t.waitForCompletion(30_000); // the gateway accepted every message, platform or not
        }
        device.disconnect().waitForCompletion(10_000);
        device.close();

        restartApplicationServer();
        awaitIngress(Duration.ofSeconds(180));
        String path = "/api/v1/devices/" + id + "/telemetry?metric=level&limit=10000&from="
                + start.minus(1, ChronoUnit.HOURS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<Integer> levels = levels(get(path, ADMIN).body());
        while (levels.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(500);
            levels = levels(get(path, ADMIN).body());
        }
        assertEquals(total, levels.size(), "every accepted message stored once");
        for (int i = 0; i < total; i++) {
            assertEquals(i, levels.get(i), "message " + i);
        }
        assertEquals(0, get("/api/v1/devices/" + id + "/rejected", ADMIN).body().split("\"reason\"").length - 1);

        String alerts =
                get("/api/v1/alerts?deviceId=" + id + "&severity=minor", ADMIN).body();
        assertEquals(1, AlertsIT.occurrences(alerts, "\"id\":"), "one alert: " + alerts);
        assertTrue(alerts.contains("\"count\":2500") && alerts.contains("\"state\":\"open\""), alerts);
        for (String severity : List.of("major", "warning")) {
            String raised = get("/api/v1/alerts?deviceId=" + id + "&severity=" + severity, ADMIN)
                    .body();
            assertEquals(1, AlertsIT.occurrences(raised, "\"id\":"), "one " + severity + " alert: " + raised);
            assertTrue(raised.contains("\"state\":\"open\""), raised);
        }
        for (long r : List.of(rule, run, held)) {
            Platform.sendJson("DELETE", "/api/v1/rules/" + r, ADMIN, "");
        }
    }

    /** A rule on this device only; {@code timing} adds e.g. {@code ,"inARow":3}. */
    private static long rule(String id, String name, String severity, String condition, String timing)
            throws Exception {
        var created = Platform.sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                AlertsIT.rule(name + "-" + id, "{\"deviceId\":\"" + id + "\"}", condition, severity, timing));
        assertEquals(201, created.statusCode(), created.body());
        return AlertsIT.number(created.body(), "id");
    }

    private static List<Integer> levels(String json) {
        List<Integer> levels = new ArrayList<>();
        Matcher m = Pattern.compile("\"value\":([0-9.]+)").matcher(json);
        while (m.find()) {
            levels.add((int) Double.parseDouble(m.group(1)));
        }
        return levels;
    }

    private static ProcessHandle applicationServer() {
        String domain = System.getProperty("iot.test.domain", "iot-test");
        Optional<ProcessHandle> server = ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains("ASMain") && c.contains("domains/" + domain))
                        .orElse(false))
                .findFirst();
        return server.orElseThrow(() -> new IllegalStateException("no running Payara domain " + domain));
    }

    private static void restartApplicationServer() throws Exception {
        // not through the (dead) admin port: asadmin starts the domain from its directory
        Platform.asadminLocal("start-domain", System.getProperty("iot.test.domain", "iot-test"));
    }
}
