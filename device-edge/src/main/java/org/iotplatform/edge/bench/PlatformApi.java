package org.iotplatform.edge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The platform's REST API as the maintenance benchmarks use it: an admin's requests, checked answers. */
final class PlatformApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    PlatformApi(URI url, String user, String password) {
        this.url = url;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code body} null: none. */
    HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(
                    r.request().method() + " " + r.request().uri() + " -> " + r.statusCode() + " " + r.body());
        }
    }

    /** Polls a maintenance model until its newest version is ready; fails when it failed or time ran out. */
    JsonNode awaitTrained(String name, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = send("GET", "/api/v1/maintenance/models/" + name, null, null);
            expect(200, r);
            JsonNode model = JSON.readTree(r.body());
            String state = model.path("state").asText();
            if (state.equals("ready")) {
                return model;
            }
            if (state.equals("failed") || System.nanoTime() > deadline) {
                throw new IllegalStateException("model " + name + " not trained: " + r.body());
            }
            Thread.sleep(500);
        }
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
