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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 * The telemetry pipeline under load through the real gateway: several devices publishing at once,
 * redeliveries, every kind of bad input, and rollups checked against the values they summarise.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryPipelineIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final Pattern VALUE_ROW =
            Pattern.compile("\\{\"ts\":\"([^\"]+)\",\"metric\":\"([^\"]+)\",\"value\":([-0-9.E]+)}");
    private static final Pattern ROLLUP_ROW = Pattern.compile(
            "\\{\"ts\":\"([^\"]+)\",\"metric\":\"([^\"]+)\",\"count\":(\\d+),\"min\":([-0-9.E]+),\"max\":([-0-9.E]+),\"avg\":([-0-9.E]+)}");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void ingressConnected() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
    }

    @Test
    void concurrentDevicesAreStoredExactlyOnceAndRollupsEqualTheValues() throws Exception {
        int devices = 4;
        int perDevice = 250;
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        List<String> ids = new ArrayList<>();
        List<MqttAsyncClient> clients = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String id = newId("load");
            ids.add(id);
            clients.add(connect(id, field(create(id, "{}").body(), "primaryKey")));
        }
        List<IMqttToken> sent = new ArrayList<>();
        for (int i = 0; i < perDevice; i++) {
            for (int d = 0; d < devices; d++) {
                // spread over three minutes so several buckets are rolled up; every 10th sent twice, as a device
                // does when its acknowledgement was lost
                Instant ts = start.plusMillis(i * 720L + d);
                String payload = String.format(
                        Locale.ROOT,
                        "{\"ts\":\"%s\",\"temperature\":%.2f,\"pressure\":%.3f}",
                        ts,
                        60 + (i * 7 + d) % 23 * 0.5,
                        3 + (i % 11) * 0.01);
                sent.add(publish(clients.get(d), ids.get(d), "$.mid=m" + i, payload));
                if (i % 10 == 0) {
                    sent.add(publish(clients.get(d), ids.get(d), "$.mid=m" + i, payload));
                }
            }
        }
        for (IMqttToken t : sent) {
            t.waitForCompletion(30_000);
        }
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion(10_000);
            c.close();
        }

        String from = start.minus(1, ChronoUnit.HOURS).toString();
        for (String id : ids) {
            String path = "/api/v1/devices/" + id + "/telemetry?from=" + from;
            await(
                    id + ": every message stored",
                    Duration.ofSeconds(60),
                    () -> rows(VALUE_ROW, body(path)).size() == 2 * perDevice);
            List<String[]> values = rows(VALUE_ROW, body(path));
            assertEquals(2 * perDevice, values.size(), "duplicates are stored once");

            // rollups per minute, computed here from the raw rows, must equal what the platform serves
            Map<String, double[]> expected = new TreeMap<>();
            for (String[] v : values) {
                String bucket = Instant.parse(v[0]).truncatedTo(ChronoUnit.MINUTES) + "|" + v[1];
                double value = Double.parseDouble(v[2]);
                double[] a =
                        expected.computeIfAbsent(bucket, k -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE, 0});
                a[0]++;
                a[1] = Math.min(a[1], value);
                a[2] = Math.max(a[2], value);
                a[3] += value;
            }
            String minutes = "/api/v1/devices/" + id + "/telemetry?interval=1m&from=" + from;
            await(
                    id + ": minute rollups complete",
                    Duration.ofSeconds(30),
                    () -> rows(ROLLUP_ROW, body(minutes)).stream()
                                    .mapToLong(r -> Long.parseLong(r[2]))
                                    .sum()
                            == 2L * perDevice);
            List<String[]> rollups = rows(ROLLUP_ROW, body(minutes));
            assertEquals(expected.size(), rollups.size(), "one rollup per minute and metric");
            for (String[] r : rollups) {
                double[] e = expected.get(Instant.parse(r[0]) + "|" + r[1]);
                assertTrue(e != null, "unexpected bucket " + r[0] + " " + r[1]);
                assertEquals((long) e[0], Long.parseLong(r[2]), "count " + r[0] + " " + r[1]);
                assertEquals(e[1], Double.parseDouble(r[3]), 1e-9, "min " + r[0] + " " + r[1]);
                assertEquals(e[2], Double.parseDouble(r[4]), 1e-9, "max " + r[0] + " " + r[1]);
                assertEquals(e[3] / e[0], Double.parseDouble(r[5]), 1e-9, "avg " + r[0] + " " + r[1]);
            }
            // hours and days summarise the same values
            String hours = body("/api/v1/devices/" + id + "/telemetry?interval=1h&from=" + from);
            await(
                    id + ": hour rollups complete",
                    Duration.ofSeconds(30),
                    () ->
                            rows(ROLLUP_ROW, body("/api/v1/devices/" + id + "/telemetry?interval=1h&from=" + from))
                                            .stream()
                                            .mapToLong(r -> Long.parseLong(r[2]))
                                            .sum()
                                    == 2L * perDevice);
            String days = body("/api/v1/devices/" + id + "/telemetry?interval=1d&metric=temperature&from=" + from);
            double max = values.stream()
                    .filter(v -> v[1].equals("temperature"))
                    .mapToDouble(v -> Double.parseDouble(v[2]))
                    .max()
                    .orElseThrow();
            assertTrue(
                    rows(ROLLUP_ROW, days).stream().anyMatch(r -> Double.parseDouble(r[4]) == max),
                    days + " vs " + hours);
        }
    }

    @Test
    void eachKindOfBadInputIsKeptWithItsReasonWhileGoodMessagesKeepFlowing() throws Exception {
        String id = newId("bad");
        MqttAsyncClient device = connect(id, field(create(id, "{}").body(), "primaryKey"));
        // above the platform's 256 KB, below the gateway's 1 MiB: the platform refuses it and keeps it
        String big = "{\"blob\":\"" + "x".repeat(300 * 1024) + "\"}";
        Map<String, String> bad = new TreeMap<>(Map.ofEntries(
                Map.entry("b-big", big),
                Map.entry("b-text", "hello"),
                Map.entry("b-array", "[1,2,3]"),
                Map.entry("b-string", "{\"temperature\":\"hot\"}"),
                Map.entry("b-nested", "{\"temperature\":{\"value\":1}}"),
                Map.entry("b-nan", "{\"temperature\":NaN}"),
                Map.entry("b-future", "{\"ts\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\",\"temperature\":1}"),
                Map.entry("b-past", "{\"ts\":\"2001-01-01T00:00:00Z\",\"temperature\":1}"),
                Map.entry("b-name", "{\"1st temperature\":1}"),
                Map.entry("b-empty", "{}"),
                Map.entry("b-utf8", "{\"temperature\":1,\"x\":\"\u00ff\"}")));
        List<IMqttToken> sent = new ArrayList<>();
        int good = 0;
        for (Map.Entry<String, String> b : bad.entrySet()) {
            sent.add(publish(device, id, "$.mid=g" + good, "{\"temperature\":" + (20 + good++) + "}"));
            byte[] payload = b.getKey().equals("b-utf8")
                    ? new byte[] {'{', '"', 't', '"', ':', (byte) 0xC3, (byte) 0x28, '}'}
                    : b.getValue().getBytes(StandardCharsets.UTF_8);
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            sent.add(device.publish("devices/" + id + "/messages/events/$.mid=" + b.getKey(), m));
        }
        sent.add(publish(device, id, "$.mid=g" + good, "{\"temperature\":" + (20 + good++) + "}"));
        for (IMqttToken t : sent) {
            t.waitForCompletion(30_000);
        }
        assertTrue(device.isConnected(), "bad input does not cost the device its connection");
        device.disconnect().waitForCompletion(10_000);
        device.close();

        int goodCount = good;
        String path =
                "/api/v1/devices/" + id + "/telemetry?from=" + Instant.now().minus(1, ChronoUnit.HOURS);
        await(
                "every good message stored",
                Duration.ofSeconds(30),
                () -> rows(VALUE_ROW, body(path)).size() == goodCount);
        String rejectedPath = "/api/v1/devices/" + id + "/rejected";
        await(
                "every bad message kept",
                Duration.ofSeconds(30),
                () -> body(rejectedPath).split("\"reason\"").length - 1 == bad.size());
        String rejected = body(rejectedPath);
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("b-big", "payload too large: 307"),
                Map.entry("b-text", "not JSON"),
                Map.entry("b-array", "not a JSON object but array"),
                Map.entry("b-string", "has a string value"),
                Map.entry("b-nested", "has a object value"),
                Map.entry("b-nan", "not JSON"),
                Map.entry("b-future", "in the future"),
                Map.entry("b-past", "in the past"),
                Map.entry("b-name", "not allowed"),
                Map.entry("b-empty", "no metric values"),
                Map.entry("b-utf8", "not UTF-8"));
        for (Map.Entry<String, String> r : reasons.entrySet()) {
            Matcher m = Pattern.compile("\"messageId\":\"" + r.getKey() + "\",.*?\"reason\":\"([^\"]*)\"")
                    .matcher(rejected);
            assertTrue(m.find(), r.getKey() + " kept: " + rejected);
            assertTrue(m.group(1).contains(r.getValue()), r.getKey() + ": reason '" + m.group(1) + "'");
        }
    }

    @Test
    void aDeviceCreatedAgainUnderADeletedIdStartsCleanAndItsMessageIdsAreItsOwn() throws Exception {
        String id = newId("reborn");
        Instant ts = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String from = ts.minus(1, ChronoUnit.HOURS).toString();
        String path = "/api/v1/devices/" + id + "/telemetry?from=" + from;
        MqttAsyncClient first = connect(id, field(create(id, "{}").body(), "primaryKey"));
        publish(first, id, "$.mid=m-1", "{\"ts\":\"" + ts + "\",\"temperature\":1.5}")
                .waitForCompletion(30_000);
        await(
                "the first device's reading is stored",
                Duration.ofSeconds(30),
                () -> rows(VALUE_ROW, body(path)).size() == 1);
        first.disconnect().waitForCompletion(10_000);
        first.close();

        assertEquals(
                204,
                Platform.sendJson("DELETE", "/api/v1/devices/" + id, ADMIN, "").statusCode());
        MqttAsyncClient second = connect(id, field(create(id, "{}").body(), "primaryKey"));
        // the same message id as the deleted device's: a new device's first message, not a duplicate
        publish(second, id, "$.mid=m-1", "{\"ts\":\"" + ts.plusSeconds(1) + "\",\"temperature\":2.5}")
                .waitForCompletion(30_000);
        await(
                "the new device's reading is stored",
                Duration.ofSeconds(30),
                () -> rows(VALUE_ROW, body(path)).stream().anyMatch(r -> r[2].equals("2.5")));
        List<String[]> values = rows(VALUE_ROW, body(path));
        assertEquals(1, values.size(), "the deleted device's history went with it: " + body(path));
        second.disconnect().waitForCompletion(10_000);
        second.close();
    }

    private static MqttAsyncClient connect(String id, String key) throws Exception {
        return connectedAsyncDevice(id, key);
    }

    private static IMqttToken publish(MqttAsyncClient device, String id, String properties, String payload)
            throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return device.publish("devices/" + id + "/messages/events/" + properties, m);
    }

    private static List<String[]> rows(Pattern row, String json) {
        List<String[]> rows = new ArrayList<>();
        Matcher m = row.matcher(json);
        while (m.find()) {
            String[] r = new String[m.groupCount()];
            for (int i = 0; i < r.length; i++) {
                r[i] = m.group(i + 1);
            }
            rows.add(r);
        }
        return rows;
    }

    private static String body(String path) {
        try {
            return get(path, path.startsWith("/health") ? null : ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
