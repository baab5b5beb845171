package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.RunningGateway;
import org.iotplatform.gateway.testing.SasTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTPS device API: telemetry under the device's own identity, and the right status for every bad request. */
class HttpDeviceApiTest {

    private static final int RATE = 5; // messages/s per device, bursts of twice that
    private static RunningGateway gw;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start(
                Map.of("publish-rate-per-device", String.valueOf(RATE), "http-max-body-bytes", "4096"));
        https = HttpClient.newBuilder()
                .sslContext(gw.trustingCa())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    void telemetryArrivesAsTheDevicesOwnMessageWithItsProperties() throws Exception {
        gw.platform.register("http-001");
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            HttpResponse<String> response = post(
                    "http-001",
                    gw.platform.token("http-001", inOneHour()),
                    "{\"temperature\":21.5,\"running\":true}",
                    Map.of("iothub-messageid", "m-1", "iothub-app-station", "north 1"));
            assertEquals(204, response.statusCode(), response.body());
            Received received = backend.next(Duration.ofSeconds(5));
            assertNotNull(received, "the back end got nothing");
            assertEquals(
                    "devices/http-001/messages/events/%24.mid=m-1&%24.ct=application%2Fjson&station=north+1",
                    received.topic());
            assertEquals("{\"temperature\":21.5,\"running\":true}", received.payload());
        }
        waitUntil(() -> !gw.platform.events("http-001", "activity").isEmpty());
        assertEquals(
                "http",
                gw.platform
                        .events("http-001", "activity")
                        .get(0)
                        .path("protocol")
                        .asText());
    }

    @Test
    void plainHttpWorksToo() throws Exception {
        gw.platform.register("http-002");
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.httpPort
                                            + "/devices/http-002/messages/events?api-version=2020-03-13"))
                                    .header("Authorization", gw.platform.token("http-002", inOneHour()))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"flow\":3}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(204, response.statusCode(), response.body());
            assertNotNull(backend.next(Duration.ofSeconds(5)));
        }
    }

    @Test
    void badRequestsGetTheirStatusAndNothingReachesTheBackEnd() throws Exception {
        gw.platform.register("http-003");
        gw.platform.register("http-004");
        gw.platform.register("http-005");
        gw.platform.disable("http-005");
        String token = gw.platform.token("http-003", inOneHour());
        List<String> failures = new ArrayList<>();
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            // 401: no token, a forged one, another device's, an expired one, a disabled device's
            expect(failures, 401, post("http-003", null, "{\"a\":1}", Map.of()));
            expect(
                    failures,
                    401,
                    post(
                            "http-003",
                            SasTokens.sign(RunningGateway.HUB, "http-003", SasTokens.newKey(), inOneHour()),
                            "{\"a\":1}",
                            Map.of()));
            expect(failures, 401, post("http-003", gw.platform.token("http-004", inOneHour()), "{\"a\":1}", Map.of()));
            expect(
                    failures,
                    401,
                    post(
                            "http-003",
                            gw.platform.token(
                                    "http-003", java.time.Instant.now().minusSeconds(60)),
                            "{\"a\":1}",
                            Map.of()));
            expect(failures, 401, post("http-005", gw.platform.token("http-005", inOneHour()), "{\"a\":1}", Map.of()));
            expect(failures, 401, post("unknown-device", token, "{\"a\":1}", Map.of()));
            // 400: not a telemetry message
            for (String body : List.of(
                    "",
                    "not json",
                    "[1,2]",
                    "{\"a\":\"text\"}",
                    "{}",
                    "{\"ts\":\"yesterday\",\"a\":1}",
                    "{\"9bad\":1}",
                    "{\"a\":1",
                    "{\"a\":1,\"a\":2}")) {
                expect(failures, 400, post("http-003", token, body, Map.of()));
            }
            expect(
                    failures,
                    400,
                    post("http-003", token, new byte[] {'{', '"', 'a', '"', ':', (byte) 0xff, '}'}, Map.of()));
            expect(failures, 400, post("http-003", token, "{\"a\":1}", Map.of("iothub-messageid", "has space")));
            // 413: over the configured body limit
            expect(failures, 413, post("http-003", token, "{\"a\":" + "1".repeat(5000) + "}", Map.of()));
            // 404 / 405: wrong place or method
            expect(
                    failures,
                    404,
                    send(HttpRequest.newBuilder(uri("/devices/http-003/twin"))
                            .header("Authorization", token)
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))));
            expect(
                    failures,
                    405,
                    send(HttpRequest.newBuilder(uri("/devices/http-003/messages/events"))
                            .header("Authorization", token)
                            .GET()));
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            List<Received> delivered = backend.drain(Duration.ofSeconds(1));
            assertTrue(delivered.isEmpty(), "refused requests must not reach the back end: " + delivered);
        }
    }

    @Test
    void aDeviceOverItsRateGets429AndTheRestGoThrough() throws Exception {
        gw.platform.register("http-006");
        String token = gw.platform.token("http-006", inOneHour());
        int accepted = 0;
        int throttled = 0;
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            for (int i = 0; i < 4 * RATE; i++) {
                HttpResponse<String> response = post("http-006", token, "{\"n\":" + i + "}", Map.of());
                if (response.statusCode() == 204) {
                    accepted++;
                } else {
                    assertEquals(429, response.statusCode(), response.body());
                    assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    throttled++;
                }
            }
            assertTrue(throttled > 0, "a burst of " + 4 * RATE + " at " + RATE + "/s must be throttled");
            assertEquals(
                    accepted, backend.drain(Duration.ofSeconds(1)).size(), "every accepted message arrives, no other");
        }
    }

    private static void expect(List<String> failures, int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            failures.add(response.request().method() + " " + response.request().uri() + " -> " + response.statusCode()
                    + " (expected " + status + "): " + response.body());
        } else if (status != 405 && !response.body().contains("\"message\"")) {
            failures.add(status + " without an explanation: " + response.body());
        }
    }

    private static HttpResponse<String> post(String deviceId, String token, String body, Map<String, String> headers)
            throws Exception {
        return post(deviceId, token, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static HttpResponse<String> post(String deviceId, String token, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        uri("/devices/" + deviceId + "/messages/events?api-version=2020-03-13"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return https.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("https://localhost:" + gw.httpsPort + path);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }
}
