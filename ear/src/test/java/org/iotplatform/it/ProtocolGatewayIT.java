package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.DeviceRegistryIT.sasToken;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Devices that cannot speak MQTT or AMQP, end to end through the real gateway process into MariaDB:
 * an HTTPS device posting with its SAS token, and Modbus TCP pump controllers polled by the protocol
 * adapter (the simulator's legacy station, run as ./run.sh runs it). Each one's data is stored under
 * its own identity; bad HTTP requests get their status and leave nothing behind.
 */
@ExtendWith(ArquillianExtension.class)
class ProtocolGatewayIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final Pattern VALUE_ROW =
            Pattern.compile("\\{\"ts\":\"([^\"]+)\",\"metric\":\"([^\"]+)\",\"value\":([-0-9.E]+)}");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void httpDeviceTelemetryIsStoredAsItsOwnAndBadRequestsStoreNothing() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("http");
        String other = newId("http");
        String key = field(create(id, "{}").body(), "primaryKey");
        String otherKey = field(create(other, "{}").body(), "primaryKey");
        Instant inOneHour = Instant.now().plus(1, ChronoUnit.HOURS);
        String token = sasToken(id, key, inOneHour);
        HttpClient https =
                HttpClient.newBuilder().sslContext(gateway.deviceTls()).build();

        // three messages, one of them sent twice (a device retrying after a lost answer): stored once
        for (String mid : List.of("m-1", "m-2", "m-2", "m-3")) {
            HttpResponse<String> ok =
                    post(https, id, token, "{\"temperature\":" + (20 + mid.charAt(2) - '0') + ",\"open\":false}", mid);
            assertEquals(204, ok.statusCode(), ok.body());
        }
        Map<String, Integer> bad = Map.of(
                "no token", post(https, id, null, "{\"temperature\":1}", "b-1").statusCode(),
                "another device's token",
                        post(https, id, sasToken(other, otherKey, inOneHour), "{\"temperature\":1}", "b-2")
                                .statusCode(),
                "not JSON", post(https, id, token, "temperature=1", "b-3").statusCode(),
                "text value",
                        post(https, id, token, "{\"temperature\":\"hot\"}", "b-4")
                                .statusCode(),
                "over 256 KB",
                        post(https, id, token, "{\"temperature\":1,\"pad\":" + "1".repeat(300_000) + "}", "b-5")
                                .statusCode());
        assertEquals(
                Map.of(
                        "no token",
                        401,
                        "another device's token",
                        401,
                        "not JSON",
                        400,
                        "text value",
                        400,
                        "over 256 KB",
                        413),
                bad);

        String from = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        String path = "/api/v1/devices/" + id + "/telemetry?from=" + from;
        await(
                "the HTTP device's messages stored",
                Duration.ofSeconds(30),
                () -> rows(body(path)).size() == 6);
        Thread.sleep(2000); // anything refused would have arrived by now
        List<String[]> rows = rows(body(path));
        assertEquals(
                6,
                rows.size(),
                "3 messages x 2 values, the retry stored once, nothing of the refused ones: " + body(path));
        assertTrue(rows.stream().allMatch(r -> r[1].equals("temperature") || r[1].equals("open")), body(path));
        assertFalse(
                body("/api/v1/devices/" + id + "/rejected").contains("\"reason\""),
                "refused requests are not kept as rejected");
        assertTrue(
                rows(body("/api/v1/devices/" + other + "/telemetry?from=" + from))
                        .isEmpty(),
                "nothing under the other device");
        await(
                "activity recorded",
                Duration.ofSeconds(10),
                () -> body("/api/v1/devices/" + id).contains("\"lastActivityTime\":\""));
    }

    @Test
    void modbusControllersTelemetryIsStoredUnderTheirOwnIdentities() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        Path state = Files.createTempDirectory("iot-modbus-");
        Path passwordFile = state.resolve("admin-password");
        Files.writeString(passwordFile, ADMIN_PASSWORD);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process simulator = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        GatewayProcess.edgeJar().toAbsolutePath().toString(),
                        "simulate",
                        "--platform",
                        Platform.BASE_URL,
                        "--admin-password-file",
                        passwordFile.toString(),
                        "--gateway",
                        "tcp://localhost:" + GatewayProcess.MQTT_PORT,
                        "--state",
                        state.toString(),
                        "--stations",
                        "0",
                        "--vending",
                        "0",
                        "--modbus-pumps",
                        "2",
                        "--modbus-port",
                        Integer.toString(port),
                        "--interval-seconds",
                        "1")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "modbus-simulator.log").toFile())
                .start();
        try {
            String from = Instant.now().minus(1, ChronoUnit.HOURS).toString();
            for (String id : List.of("station-01-pump-1", "station-01-pump-2")) {
                String path = "/api/v1/devices/" + id + "/telemetry?from=" + from;
                // speedSetpoint and runSeconds exist only in the controller's registers: they came through Modbus
                await(
                        id + ": register values stored",
                        Duration.ofSeconds(60),
                        () -> simulator.isAlive()
                                && rows(body(path)).stream().anyMatch(r -> r[1].equals("speedSetpoint")));
                List<String[]> rows = rows(body(path));
                assertTrue(
                        rows.stream().anyMatch(r -> r[1].equals("speedSetpoint") && Double.parseDouble(r[2]) == 1480),
                        body(path));
                assertTrue(
                        rows.stream().anyMatch(r -> r[1].equals("flow") && Double.parseDouble(r[2]) > 0), body(path));
                assertTrue(
                        body("/api/v1/devices/" + id).contains("\"protocol\":\"modbus\""), "registered with its tags");
                // connection events reach the registry in batches, a moment after the first readings
                await(
                        id + " connected under its own identity",
                        Duration.ofSeconds(10),
                        () -> body("/api/v1/devices/" + id).contains("\"connectionState\":\"connected\""));
            }
        } finally {
            simulator.destroy();
            simulator.waitFor();
        }
    }

    private static HttpResponse<String> post(HttpClient https, String id, String token, String body, String messageId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + GatewayProcess.HTTPS_PORT
                        + "/devices/" + id + "/messages/events?api-version=2020-03-13"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("iothub-messageid", messageId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String[]> rows(String json) {
        List<String[]> rows = new ArrayList<>();
        Matcher m = VALUE_ROW.matcher(json);
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return rows;
    }

    private static String body(String path) {
        try {
            return get(path, ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
