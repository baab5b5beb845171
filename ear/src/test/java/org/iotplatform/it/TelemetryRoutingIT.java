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

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operator routes end to end: defined through REST, matched against telemetry from a real device, and
 * delivered by Camel to a real HTTP server (standing in for the ERP's webhook) and to files; a route
 * whose endpoint is down keeps its messages and reports why.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryRoutingIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void matchingTelemetryReachesWebhooksAndFilesAndNothingIsLostWhenAnEndpointIsDown() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        List<String> posts = new CopyOnWriteArrayList<>();
        List<String> routeHeaders = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        webhook.createContext("/hook", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            routeHeaders.add(exchange.getRequestHeaders().getFirst("X-Iot-Route"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path dir = Files.createTempDirectory("iot-routing-");
        String run = newId("r");
        try {
            assertEquals(
                    400,
                    sendJson(
                                    "POST",
                                    "/api/v1/routes",
                                    ADMIN,
                                    route(run + "-bad", "temperature >", "http", "http://localhost:1/x"))
                            .statusCode(),
                    "an incomplete condition is refused");
            assertEquals(
                    400,
                    sendJson(
                                    "POST",
                                    "/api/v1/routes",
                                    ADMIN,
                                    route(run + "-bad", "temperature > 1", "file", "relative/dir"))
                            .statusCode(),
                    "a relative directory is refused");
            // outbound targets an admin may not pick (test.sh: iot.routing.allowed-hosts=localhost,
            // file-directory=/tmp)
            for (String[] refused : new String[][] {
                {"http", "http://169.254.169.254/latest/meta-data/"},
                {"http", "http://internal.example.com/hook"},
                {"file", "/etc/cron.d"},
                {"file", dir + "?fileExist=Append"},
                {"http", "http://localhost:1/{{iot.db.password}}"}
            }) {
                HttpResponse<String> r = sendJson(
                        "POST",
                        "/api/v1/routes",
                        ADMIN,
                        route(run + "-refused", "temperature > 1", refused[0], refused[1]));
                assertEquals(400, r.statusCode(), refused[1] + ": " + r.body());
            }

            String id = newId("routed");
            String hot = run + "-hot";
            String alerts = run + "-alerts";
            String down = run + "-down";
            assertEquals(
                    201,
                    sendJson(
                                    "POST",
                                    "/api/v1/routes",
                                    ADMIN,
                                    route(
                                            hot,
                                            "temperature > 80 and device = " + id,
                                            "http",
                                            "http://localhost:"
                                                    + webhook.getAddress().getPort() + "/hook"))
                            .statusCode());
            assertEquals(
                    201,
                    sendJson(
                                    "POST",
                                    "/api/v1/routes",
                                    ADMIN,
                                    route(alerts, "alert = true and device = " + id, "file", dir.toString()))
                            .statusCode());
            assertEquals(
                    201,
                    sendJson(
                                    "POST",
                                    "/api/v1/routes",
                                    ADMIN,
                                    route(
                                            down,
                                            "temperature > 0 and device = " + id,
                                            "http",
                                            "http://localhost:" + closedPort() + "/nowhere"))
                            .statusCode());

            String key = field(create(id, "{}").body(), "primaryKey");
            MqttClient device = connectedDevice(id, key);
            publish(device, id, "t1", "{\"temperature\":70}");
            publish(device, id, "t2", "{\"temperature\":85.5}");
            publish(device, id, "t3", "{\"temperature\":90,\"alert\":true}");
            publish(device, id, "t4", "{\"temperature\":60,\"alert\":false}");
            device.disconnect();
            device.close();

            await("two hot messages posted to the webhook", Duration.ofSeconds(30), () -> posts.size() >= 2);
            Thread.sleep(1500);
            assertEquals(2, posts.size(), "only the matching messages: " + posts);
            assertTrue(
                    posts.stream()
                            .anyMatch(p -> p.contains("\"messageId\":\"t2\"") && p.contains("\"temperature\":85.5")),
                    posts.toString());
            assertTrue(posts.stream()
                    .allMatch(
                            p -> p.contains("\"deviceId\":\"" + id + "\"") && p.contains("\"route\":\"" + hot + "\"")));
            assertTrue(routeHeaders.stream().allMatch(hot::equals), routeHeaders.toString());

            await(
                    "one alert written to a file",
                    Duration.ofSeconds(30),
                    () -> files(dir).size() == 1);
            assertTrue(
                    Files.readString(files(dir).get(0)).contains("\"alert\":1.0"),
                    Files.readString(files(dir).get(0)));

            String hotView = get("/api/v1/routes/" + hot, ADMIN).body();
            assertTrue(hotView.contains("\"delivered\":2") && hotView.contains("\"pending\":0"), hotView);

            // the endpoint that is down: every message kept, attempts counted with the reason
            await(
                    "failures recorded",
                    Duration.ofSeconds(30),
                    () -> !body("/api/v1/routes/" + down).contains("\"failedAttempts\":0"));
            String downView = get("/api/v1/routes/" + down, ADMIN).body();
            assertTrue(downView.contains("\"pending\":4") && downView.contains("\"delivered\":0"), downView);
            assertTrue(downView.contains("\"lastError\":\"") && downView.contains("Connect"), downView);

            assertTrue(get("/api/v1/audit?limit=50", ADMIN).body().contains("route.created"));
        } finally {
            webhook.stop(0);
            for (String suffix : new String[] {"-hot", "-alerts", "-down"}) {
                sendJson("DELETE", "/api/v1/routes/" + run + suffix, ADMIN, "");
            }
        }
        assertEquals(404, get("/api/v1/routes/" + run + "-down", ADMIN).statusCode());
    }

    private static String body(String path) {
        try {
            return get(path, ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String route(String name, String condition, String type, String target) {
        return "{\"name\":\"" + name + "\",\"condition\":\"" + condition + "\",\"endpointType\":\"" + type
                + "\",\"target\":\"" + target + "\",\"enabled\":true}";
    }

    private static void publish(MqttClient device, String id, String mid, String payload) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=" + mid + "&kind=pump", m);
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
