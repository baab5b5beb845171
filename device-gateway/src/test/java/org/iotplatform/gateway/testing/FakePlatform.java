package org.iotplatform.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's internal gateway API, as CONTRACT.md and the gateway issue define it, backed by an
 * in-memory device registry that verifies SAS tokens for real.
 */
public final class FakePlatform implements AutoCloseable {

    public static final String USER = "gateway";
    public static final String PASSWORD = "gateway-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String hub;
    private final HttpServer http;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> revocations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger authRequests = new AtomicInteger();
    private volatile boolean available = true;

    private record Device(String primaryKey, boolean enabled, long incarnation) {}

    private final java.util.concurrent.atomic.AtomicLong incarnations = new java.util.concurrent.atomic.AtomicLong();

    public FakePlatform(String hub) throws IOException {
        this(hub, null);
    }

    /** With {@code tls}, the platform answers over HTTPS only. */
    public FakePlatform(String hub, javax.net.ssl.SSLContext tls) throws IOException {
        this.hub = hub;
        if (tls == null) {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } else {
            com.sun.net.httpserver.HttpsServer https =
                    com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            http = https;
        }
        http.setExecutor(threads);
        http.createContext("/api/v1/internal/gateway/device-auth", this::deviceAuth);
        http.createContext("/api/v1/internal/gateway/revocations", this::revocations);
        http.createContext("/api/v1/internal/gateway/connection-events", this::connectionEvents);
        http.start();
    }

    public URI url() {
        return URI.create((http instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + http.getAddress().getPort());
    }

    /** Registers a device and returns its primary key (base64). */
    public String register(String deviceId) {
        return register(deviceId, SasTokens.newKey());
    }

    /** Registers a device with the given primary key (base64). */
    public String register(String deviceId, String key) {
        devices.put(deviceId, new Device(key, true, incarnations.incrementAndGet()));
        return key;
    }

    public String token(String deviceId, Instant expiry) {
        return SasTokens.sign(hub, deviceId, devices.get(deviceId).primaryKey(), expiry);
    }

    public void disable(String deviceId) {
        devices.computeIfPresent(deviceId, (id, d) -> new Device(d.primaryKey(), false, d.incarnation()));
    }

    /** Disables the device and lists it as revoked, as the platform does on PATCH status=disabled. */
    public void revoke(String deviceId) {
        disable(deviceId);
        listRevocation(deviceId, incarnation(deviceId));
    }

    /** Lists a revocation of the device's {@code incarnation}, leaving the device as it is (deleted and created again). */
    public void listRevocation(String deviceId, long incarnation) {
        revocations.add(
                Map.of("cursor", (long) revocations.size() + 1, "deviceId", deviceId, "incarnation", incarnation));
    }

    /** Which device of that id is registered now: a new number each time it is registered. */
    public long incarnation(String deviceId) {
        return devices.get(deviceId).incarnation();
    }

    public void available(boolean available) {
        this.available = available;
    }

    public int authRequests() {
        return authRequests.get();
    }

    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public List<JsonNode> events(String deviceId, String kind) {
        return events.stream()
                .filter(e -> deviceId.equals(e.path("deviceId").asText())
                        && kind.equals(e.path("event").asText()))
                .toList();
    }

    private void deviceAuth(HttpExchange exchange) throws IOException {
        if (!admitted(exchange, "POST")) {
            return;
        }
        authRequests.incrementAndGet();
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String deviceId = body.path("deviceId").asText();
        String reason = refusal(deviceId, body.path("password").asText(null));
        if (reason != null) {
            respond(exchange, 403, Map.of("error", "forbidden", "message", reason));
            return;
        }
        long se = SasTokens.parse(body.path("password").asText()).expiry();
        respond(
                exchange,
                200,
                Map.of(
                        "deviceId",
                        deviceId,
                        "expiresAt",
                        Instant.ofEpochSecond(se).toString(),
                        "incarnation",
                        devices.get(deviceId).incarnation()));
    }

    private String refusal(String deviceId, String password) {
        Device device = devices.get(deviceId);
        if (device == null) {
            return "unknown device";
        }
        if (!device.enabled()) {
            return "disabled";
        }
        SasTokens.Parsed token;
        try {
            token = SasTokens.parse(password);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!SasTokens.decodedResource(token).equalsIgnoreCase(hub + "/devices/" + deviceId)) {
            return "token for another resource: " + token.resource();
        }
        if (!SasTokens.signatureMatches(token, device.primaryKey())) {
            return "bad signature";
        }
        if (token.expiry() <= Instant.now().getEpochSecond()) {
            return "expired";
        }
        return null;
    }

    private void revocations(HttpExchange exchange) throws IOException {
        if (!admitted(exchange, "GET")) {
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        long cursor = revocations.size();
        if (query == null || !query.startsWith("after=")) {
            respond(exchange, 200, Map.of("cursor", cursor, "deviceIds", List.of()));
            return;
        }
        long after = Long.parseLong(query.substring("after=".length()));
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> revoked = new ArrayList<>();
        for (Map<String, Object> r : revocations) {
            if ((long) r.get("cursor") > after) {
                ids.add((String) r.get("deviceId"));
                revoked.add(Map.of("deviceId", r.get("deviceId"), "incarnation", r.get("incarnation")));
            }
        }
        respond(exchange, 200, Map.of("cursor", cursor, "deviceIds", ids, "revoked", revoked));
    }

    private void connectionEvents(HttpExchange exchange) throws IOException {
        if (!admitted(exchange, "POST")) {
            return;
        }
        JsonNode batch = JSON.readTree(exchange.getRequestBody());
        if (!batch.isArray()) {
            respond(exchange, 400, Map.of("error", "bad-request", "message", "expected an array"));
            return;
        }
        batch.forEach(events::add);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private boolean admitted(HttpExchange exchange, String method) throws IOException {
        if (!available) {
            respond(exchange, 503, Map.of("error", "unavailable", "message", "down for the test"));
            return false;
        }
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, Map.of("error", "unauthorized", "message", "gateway credentials required"));
            return false;
        }
        if (!method.equals(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of("error", "method-not-allowed", "message", method + " only"));
            return false;
        }
        return true;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
