package org.iotplatform.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The running platform as an outside client sees it: its URL, the admin's credentials, HTTP. */
final class Platform {

    static final String BASE_URL = System.getProperty("iot.test.base-url", "http://localhost:20080");
    static final String ADMIN_PASSWORD = requiredEnv("IOT_ADMIN_PASSWORD");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Platform() {}

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set (test.sh sets it)");
        }
        return value;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(Duration.ofSeconds(60));
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    /**
     * The platform's details as admins see them ({@code GET /api/v1/platform/status}: database, Camel
     * routes, telemetry flow, heap); anonymous {@code /health} shows only UP or DOWN. Unchecked, for
     * {@code await} conditions.
     */
    static String platformStatus() {
        try {
            HttpResponse<String> status = get("/api/v1/platform/status", basic("admin", ADMIN_PASSWORD));
            if (status.statusCode() != 200) {
                throw new IllegalStateException("platform status " + status.statusCode() + ": " + status.body());
            }
            return status.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the Camel route {@code id} is started, by the platform status. */
    static boolean routeStarted(String id) {
        return platformStatus().contains("\"" + id + "\":\"Started\"");
    }

    static HttpResponse<String> sendJson(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        return send(request(path)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /**
     * Runs an asadmin command against the test domain's admin port, with the admin password test.sh
     * gave the domain (PAYARA_ADMIN_PASSWORD_FILE); fails with its output.
     */
    static void asadmin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--port", System.getProperty("iot.test.admin-port")));
        String passwordFile = System.getenv("PAYARA_ADMIN_PASSWORD_FILE");
        if (passwordFile != null && !passwordFile.isBlank()) {
            command.addAll(List.of("--user", "admin", "--passwordfile", passwordFile));
        }
        command.addAll(List.of(args));
        asadminLocal(command.toArray(String[]::new));
    }

    /** Runs an asadmin command as given (local commands such as start-domain need no admin port). */
    static void asadminLocal(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("payara.home") + "/bin/asadmin"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed: " + out);
        }
    }
}
