package org.iotplatform.it;

import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API's security, health, platform status, security headers, metrics and OpenAPI, driven from outside as a client would. */
@ExtendWith(ArquillianExtension.class)
class SecurityApiIT {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    private static String newViewer() throws Exception {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"" + name + "\",\"role\":\"viewer\",\"password\":\"viewer-password-123\"}");
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    @Test
    void withoutCredentialsTheApiAnswers401WithAChallenge() throws Exception {
        HttpResponse<String> r = get("/api/v1/operators", null);
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertTrue(r.body().contains("\"unauthorized\""), r.body());
    }

    @Test
    void adminGets200() throws Exception {
        HttpResponse<String> r = get("/api/v1/operators", ADMIN);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"username\":\"admin\""), r.body());
        assertTrue(!r.body().contains("password"), "no password material in the listing");

        HttpResponse<String> me = get("/api/v1/me", ADMIN);
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"roles\":[\"admin\"]"), me.body());
    }

    @Test
    void viewerIsForbiddenAdminOperations() throws Exception {
        String viewer = basic(newViewer(), "viewer-password-123");
        assertEquals(200, get("/api/v1/me", viewer).statusCode());
        assertEquals(403, get("/api/v1/operators", viewer).statusCode());
        assertEquals(403, get("/api/v1/audit", viewer).statusCode());
        HttpResponse<String> create = sendJson(
                "POST",
                "/api/v1/operators",
                viewer,
                "{\"username\":\"sneaky\",\"role\":\"admin\",\"password\":\"sneaky-password-1\"}");
        assertEquals(403, create.statusCode());
        assertEquals(404, get("/api/v1/operators/sneaky", ADMIN).statusCode(), "nothing was created");
    }

    @Test
    void aWrongPasswordRevealsNothingAboutWhetherTheAccountExists() throws Exception {
        HttpResponse<String> known = get("/api/v1/me", basic("admin", "not-the-password"));
        HttpResponse<String> unknown =
                get("/api/v1/me", basic("no-such-user-" + UUID.randomUUID(), "not-the-password"));
        HttpResponse<String> invalidName = get("/api/v1/me", basic("bad name!", "not-the-password"));
        for (HttpResponse<String> r : new HttpResponse[] {unknown, invalidName}) {
            assertEquals(known.statusCode(), r.statusCode());
            assertEquals(401, r.statusCode());
            assertEquals(known.body(), r.body());
            assertEquals(
                    known.headers().firstValue("WWW-Authenticate"), r.headers().firstValue("WWW-Authenticate"));
            assertEquals(known.headers().firstValue("Content-Type"), r.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDownWith429AndAudited() throws Exception {
        String name = newViewer();
        String wrong = basic(name, "not-the-password-at-all");
        for (int i = 0; i < 6; i++) {
            assertEquals(401, get("/api/v1/me", wrong).statusCode(), "failure " + (i + 1) + " is checked");
        }
        // the sixth failure starts a back-off (test.sh caps it at 3 s): the next attempt is not even checked
        HttpResponse<String> throttled = get("/api/v1/me", wrong);
        assertEquals(429, throttled.statusCode(), throttled.body());
        long retryAfter =
                Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        assertTrue(throttled.body().contains("too-many-attempts"), throttled.body());

        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(
                200,
                get("/api/v1/me", basic(name, "viewer-password-123")).statusCode(),
                "after the wait the right password works");
        HttpResponse<String> audit = get("/api/v1/audit?limit=200", ADMIN);
        assertTrue(
                audit.body().contains("\"action\":\"operator.api-sign-in-failed\",\"actor\":\"" + name + "\""),
                audit.body());
    }

    @Test
    void theInternalGatewayApiAnswersOnlyLoopbackCallers() throws Exception {
        String gateway = basic("gateway", System.getenv("IOT_GATEWAY_PASSWORD"));
        assertEquals(200, get("/api/v1/internal/gateway/revocations", gateway).statusCode(), "from this machine");
        java.net.InetAddress outside = java.net.NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                })
                .flatMap(java.net.NetworkInterface::inetAddresses)
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                .findFirst()
                .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this host has no address but loopback");
        int port = java.net.URI.create(Platform.BASE_URL).getPort();
        HttpResponse<String> fromNetwork = Platform.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://" + outside.getHostAddress() + ":" + port + "/api/v1/internal/gateway/revocations"))
                .header("Authorization", gateway)
                .GET()
                .build());
        assertEquals(
                404,
                fromNetwork.statusCode(),
                "the gateway password alone is not enough from the network: " + fromNetwork.body());
        assertEquals(
                200,
                Platform.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://" + outside.getHostAddress() + ":" + port + "/api/v1/me"))
                                .header("Authorization", ADMIN)
                                .GET()
                                .build())
                        .statusCode(),
                "the public API answers there");
    }

    @Test
    void theApiAndHealthChecksMakeNoSessions() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {
            get("/api/v1/me", ADMIN), get("/health/live", null), get("/api/v1/me", basic("admin", "not-the-password"))
        }) {
            assertTrue(
                    r.headers().allValues("Set-Cookie").isEmpty(),
                    r.uri() + " set " + r.headers().allValues("Set-Cookie"));
        }
    }

    @Test
    void disabledAccountsAreRefusedAndTheChangeIsAudited() throws Exception {
        String name = newViewer();
        String viewer = basic(name, "viewer-password-123");
        assertEquals(200, get("/api/v1/me", viewer).statusCode());

        HttpResponse<String> disabled =
                sendJson("PATCH", "/api/v1/operators/" + name, ADMIN, "{\"status\":\"disabled\"}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertTrue(disabled.body().contains("\"status\":\"disabled\""));
        assertEquals(401, get("/api/v1/me", viewer).statusCode(), "refused at once, cache or not");

        HttpResponse<String> audit = get("/api/v1/audit?limit=50", ADMIN);
        assertEquals(200, audit.statusCode());
        assertTrue(
                audit.body()
                        .matches("(?s).*\\{\"action\":\"operator.disabled\",\"actor\":\"admin\",[^}]*\"target\":\""
                                + name + "\"}.*"),
                audit.body());
    }

    @Test
    void invalidAndDuplicateAccountsGetClearErrors() throws Exception {
        HttpResponse<String> bad = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"x\",\"role\":\"viewer\",\"password\":\"long-enough-password\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("username must be"), bad.body());

        HttpResponse<String> badRole = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"someone\",\"role\":\"root\",\"password\":\"long-enough-password\"}");
        assertEquals(400, badRole.statusCode());

        // the gateway's role is an internal service identity: an operator holding it could report any device connected
        HttpResponse<String> serviceRole = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"fake-gateway\",\"role\":\"gateway\",\"password\":\"long-enough-password\"}");
        assertEquals(400, serviceRole.statusCode(), serviceRole.body());
        HttpResponse<String> promoted = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"plain-viewer\",\"role\":\"viewer\",\"password\":\"long-enough-password\"}");
        assertEquals(201, promoted.statusCode(), promoted.body());
        assertEquals(
                400,
                sendJson("PATCH", "/api/v1/operators/plain-viewer", ADMIN, "{\"role\":\"gateway\"}")
                        .statusCode());
        HttpResponse<String> serviceAccount =
                sendJson("PATCH", "/api/v1/operators/gateway", ADMIN, "{\"password\":\"another-long-password\"}");
        assertEquals(
                400,
                serviceAccount.statusCode(),
                "the gateway's account is managed by configuration: " + serviceAccount.body());

        HttpResponse<String> shortPassword = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"someone\",\"role\":\"viewer\",\"password\":\"short\"}");
        assertEquals(400, shortPassword.statusCode());

        HttpResponse<String> dup = sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"admin\",\"role\":\"viewer\",\"password\":\"long-enough-password\"}");
        assertEquals(409, dup.statusCode());
    }

    @Test
    void anonymousHealthSaysUpOrDownAndNothingMore() throws Exception {
        HttpResponse<String> ready = get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        for (String check : List.of("database", "camel", "telemetry-flow")) {
            assertTrue(
                    ready.body().contains("\"name\":\"" + check + "\",\"status\":\"UP\""), check + ": " + ready.body());
        }
        HttpResponse<String> live = get("/health/live", null);
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"name\":\"application\",\"status\":\"UP\""), live.body());
        // versions, the catalog, route ids and heap figures are for admins (platform status)
        for (HttpResponse<String> r : List.of(ready, live, get("/health", null))) {
            String body = r.body().toLowerCase(Locale.ROOT);
            for (String detail : List.of(
                    "hibernate",
                    "provider",
                    "catalog",
                    "iot_test",
                    "schemaversion",
                    "route.",
                    "telemetry-mqtt-ingress",
                    "heap",
                    "mib",
                    "error")) {
                assertFalse(body.contains(detail), r.uri() + " shows " + detail + ": " + r.body());
            }
        }
    }

    @Test
    void thePlatformsDetailsAreForAdminsOnly() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/platform/status", null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> viewer = get("/api/v1/platform/status", basic(newViewer(), "viewer-password-123"));
        assertEquals(403, viewer.statusCode(), viewer.body());

        HttpResponse<String> admin = get("/api/v1/platform/status", ADMIN);
        assertEquals(200, admin.statusCode(), admin.body());
        String body = admin.body();
        assertTrue(body.contains("\"database\":{"), body);
        assertTrue(body.contains("Hibernate ORM 6.6"), body);
        assertTrue(body.contains("\"catalog\":\"iot_test\""), body);
        assertTrue(body.matches("(?s).*\"schemaVersion\":\"\\d+\".*"), body);
        assertTrue(body.contains("\"camel\":{"), body);
        assertTrue(body.contains("\"context\":\"Started\""), body);
        assertTrue(body.contains("\"routes\":{"), body);
        assertTrue(body.contains("\"telemetryFlow\":{"), body);
        assertTrue(body.contains("\"heap\":{") && body.contains("\"usedMiB\":"), body);
        assertFalse(body.contains("\"status\":\"DOWN\""), body);
    }

    @Test
    void theDashboardAndTheApiAskBrowsersForProtection() throws Exception {
        HttpResponse<String> dashboard = get("/", null);
        assertEquals(200, dashboard.statusCode(), dashboard.body());
        assertTrue(dashboard.body().contains("VAADIN/build/"), "Vaadin's bootstrap page: " + dashboard.body());
        // the last: a refusal by the authentication mechanism, which no servlet filter sees
        for (HttpResponse<String> r : List.of(dashboard, get("/api/v1/me", ADMIN), get("/api/v1/me", null))) {
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            for (String directive : List.of(
                    "default-src 'self'",
                    "frame-ancestors 'none'",
                    "object-src 'none'",
                    "base-uri 'self'",
                    "script-src 'self' 'unsafe-inline' 'unsafe-eval'")) {
                assertTrue(
                        csp.contains(directive),
                        r.uri() + " (" + r.statusCode() + ") CSP lacks " + directive + ": " + csp);
            }
            assertEquals(
                    "nosniff",
                    r.headers().firstValue("X-Content-Type-Options").orElse(null),
                    r.uri().toString());
            assertEquals(
                    "same-origin",
                    r.headers().firstValue("Referrer-Policy").orElse(null),
                    r.uri().toString());
            assertEquals(
                    "DENY",
                    r.headers().firstValue("X-Frame-Options").orElse(null),
                    r.uri().toString());
        }
    }

    @Test
    void answersWithDeviceKeysAreNotStored() throws Exception {
        String id = DeviceRegistryIT.newId("no-store");
        HttpResponse<String> created = DeviceRegistryIT.create(id, "{}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"primaryKey\""), created.body());
        assertNotStored(created);
        assertNotStored(get("/api/v1/devices/" + id + "/keys", ADMIN));
        assertNotStored(
                sendJson("POST", "/api/v1/devices/" + id + "/keys/regenerate", ADMIN, "{\"key\":\"secondary\"}"));
        assertNotStored(get("/api/v1/devices/export", ADMIN));
    }

    private static void assertNotStored(HttpResponse<String> r) {
        assertEquals(2, r.statusCode() / 100, r.uri() + ": " + r.body());
        assertTrue(
                r.headers().allValues("Cache-Control").stream().anyMatch(v -> v.contains("no-store")),
                r.uri() + " Cache-Control " + r.headers().allValues("Cache-Control"));
        assertEquals(
                "no-cache",
                r.headers().firstValue("Pragma").orElse(null),
                r.uri().toString());
    }

    /**
     * Payara's own MicroProfile endpoints live in this application's web module (on "/"): payara.sh
     * secures them, the application's mechanism authenticates, Payara checks the roles, over HTTPS.
     * Metrics are for the monitoring identity (IOT_MONITORING_PASSWORD) and admins.
     */
    @Test
    void metricsAreForMonitoringAndAdminsOverHttpsWhileHealthStaysOpen() throws Exception {
        String monitoring = monitoring();
        var metrics = Https.redirected("/metrics", monitoring);
        assertEquals(401, Https.get(metrics, null).statusCode(), "anonymous");
        assertEquals(
                401, Https.get(metrics, basic("monitoring", "not-the-password")).statusCode());
        assertEquals(401, Https.get(metrics, basic("mp", "mp")).statusCode(), "Payara's default user");
        assertEquals(
                403,
                Https.get(metrics, basic(newViewer(), "viewer-password-123")).statusCode(),
                "a viewer");
        HttpResponse<String> scraped = Https.get(metrics, monitoring);
        assertEquals(200, scraped.statusCode(), scraped.body());
        assertTrue(
                scraped.body().contains("base_") || scraped.body().contains("jvm"), "JVM metrics: " + scraped.body());
        assertEquals(200, Https.get(metrics, ADMIN).statusCode(), "an admin");
        // the monitoring identity counts on Payara's endpoints only
        assertEquals(401, get("/api/v1/me", monitoring).statusCode());

        // load balancers: anonymous, plain HTTP
        for (String health : new String[] {"/health", "/health/live", "/health/ready"}) {
            HttpResponse<String> r = get(health, null);
            assertEquals(200, r.statusCode(), health + ": " + r.body());
        }
    }

    /** The monitoring identity test.sh gives the platform (iot.monitoring.password). */
    private static String monitoring() {
        String password = System.getenv("IOT_MONITORING_PASSWORD");
        assertFalse(password == null || password.isBlank(), "IOT_MONITORING_PASSWORD must be set (test.sh sets it)");
        return basic("monitoring", password);
    }

    @Test
    void theOpenApiDocumentIsForOperatorsOverHttpsAndLeavesTheInternalGatewayApiOut() throws Exception {
        var openapi = Https.redirected("/openapi", ADMIN);
        assertEquals(401, Https.get(openapi, null).statusCode(), "anonymous");
        assertEquals(403, Https.get(openapi, monitoring()).statusCode(), "the monitoring identity");
        assertEquals(
                200,
                Https.get(openapi, basic(newViewer(), "viewer-password-123")).statusCode(),
                "a viewer");
        HttpResponse<String> document = Https.get(openapi, ADMIN);
        assertEquals(200, document.statusCode(), document.body());
        assertTrue(document.body().contains("/api/v1/operators"), document.body());
        assertFalse(
                document.body().contains("/internal/"),
                "the gateways' internal API is not described: " + document.body());
    }
}
