package org.iotplatform.it;

import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The device registry's REST API and the gateways' internal API, from outside. */
@ExtendWith(ArquillianExtension.class)
class DeviceRegistryIT {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final String GATEWAY = basic("gateway", System.getenv("IOT_GATEWAY_PASSWORD"));
    private static final String HUB = "iothub.local";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** A SAS token computed the way device SDKs do, independently of the platform's code. */
    static String sasToken(String deviceId, String base64Key, Instant expiry) throws Exception {
        String sr = URLEncoder.encode(HUB + "/devices/" + deviceId, StandardCharsets.UTF_8);
        long se = expiry.getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        String sig = Base64.getEncoder().encodeToString(mac.doFinal((sr + "\n" + se).getBytes(StandardCharsets.UTF_8)));
        return "SharedAccessSignature sr=" + sr + "&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8) + "&se="
                + se;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static HttpResponse<String> create(String id, String tagsJson) throws Exception {
        return sendJson("POST", "/api/v1/devices", ADMIN, "{\"deviceId\":\"" + id + "\",\"tags\":" + tagsJson + "}");
    }

    static HttpResponse<String> deviceAuth(String id, String token) throws Exception {
        return sendJson(
                "POST",
                "/api/v1/internal/gateway/device-auth",
                GATEWAY,
                "{\"deviceId\":\"" + id + "\",\"password\":\"" + token + "\",\"protocol\":\"mqtt\"}");
    }

    @Test
    void createReturnsKeysAndConnectionStringOnceAndRefusesDuplicatesAndBadIds() throws Exception {
        String id = newId("pump");
        HttpResponse<String> created = create(id, "{\"station\":\"north\",\"kind\":\"pump\"}");
        assertEquals(201, created.statusCode(), created.body());
        String primary = field(created.body(), "primaryKey");
        String secondary = field(created.body(), "secondaryKey");
        assertEquals(32, Base64.getDecoder().decode(primary).length);
        assertEquals(32, Base64.getDecoder().decode(secondary).length);
        assertEquals(
                "HostName=" + HUB + ";DeviceId=" + id + ";SharedAccessKey=" + primary + ";GatewayHostName=localhost",
                field(created.body(), "connectionString"));

        HttpResponse<String> read = get("/api/v1/devices/" + id, ADMIN);
        assertEquals(200, read.statusCode());
        assertEquals("enabled", field(read.body(), "status"));
        assertEquals("disconnected", field(read.body(), "connectionState"));
        assertFalse(read.body().contains(primary), "keys are not part of the device view");

        assertEquals(409, create(id, "{}").statusCode());
        HttpResponse<String> bad = create("bad/id", "{}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("deviceId must be"), bad.body());
        for (String unaddressable : new String[] {".", ".."}) {
            HttpResponse<String> dots = create(unaddressable, "{}");
            assertEquals(400, dots.statusCode(), dots.body());
            assertTrue(dots.body().contains("cannot be '.' or '..'"), dots.body());
        }
        assertEquals(404, get("/api/v1/devices/no-such-device", ADMIN).statusCode());
    }

    @Test
    void listFiltersByStatusTagAndPages() throws Exception {
        String station = "st-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    201,
                    create(station + "-p" + i, "{\"station\":\"" + station + "\"}")
                            .statusCode());
        }
        sendJson("PATCH", "/api/v1/devices/" + station + "-p1", ADMIN, "{\"status\":\"disabled\"}");

        HttpResponse<String> all = get("/api/v1/devices?tag=station:" + station, ADMIN);
        assertTrue(all.body().contains("\"total\":3"), all.body());
        HttpResponse<String> disabled = get("/api/v1/devices?tag=station:" + station + "&status=disabled", ADMIN);
        assertTrue(
                disabled.body().contains("\"total\":1") && disabled.body().contains(station + "-p1"), disabled.body());
        HttpResponse<String> page = get("/api/v1/devices?tag=station:" + station + "&pageSize=2&page=1", ADMIN);
        assertTrue(
                page.body().contains("\"total\":3")
                        && page.body().contains(station + "-p2")
                        && !page.body().contains(station + "-p0"),
                page.body());
        HttpResponse<String> connected =
                get("/api/v1/devices?tag=station:" + station + "&connectionState=connected", ADMIN);
        assertTrue(connected.body().contains("\"total\":0"), connected.body());
        assertEquals(400, get("/api/v1/devices?status=sleeping", ADMIN).statusCode());
    }

    @Test
    void viewersReadButCannotProvision() throws Exception {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        sendJson(
                "POST",
                "/api/v1/operators",
                ADMIN,
                "{\"username\":\"" + name + "\",\"role\":\"viewer\",\"password\":\"viewer-password-123\"}");
        String viewer = basic(name, "viewer-password-123");
        assertEquals(200, get("/api/v1/devices", viewer).statusCode());
        assertEquals(
                403,
                sendJson("POST", "/api/v1/devices", viewer, "{\"deviceId\":\"x1\"}")
                        .statusCode());
        assertEquals(403, get("/api/v1/devices/export", viewer).statusCode());
        assertEquals(
                403,
                sendJson("POST", "/api/v1/internal/gateway/device-auth", viewer, "{}")
                        .statusCode());
        assertEquals(
                403,
                sendJson("POST", "/api/v1/internal/gateway/device-auth", ADMIN, "{}")
                        .statusCode(),
                "the internal API is for the gateway identity only");
    }

    @Test
    void gatewayAuthenticatesTokensAndLearnsOfRevocations() throws Exception {
        String id = newId("auth");
        HttpResponse<String> created = create(id, "{}");
        String primary = field(created.body(), "primaryKey");
        String secondary = field(created.body(), "secondaryKey");
        Instant expiry = Instant.now().plusSeconds(3600);
        long cursor = Long.parseLong(
                get("/api/v1/internal/gateway/revocations", GATEWAY).body().replaceAll(".*\"cursor\":(\\d+).*", "$1"));

        HttpResponse<String> ok = deviceAuth(id, sasToken(id, primary, expiry));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(
                expiry.getEpochSecond(),
                Instant.parse(field(ok.body(), "expiresAt")).getEpochSecond());
        assertEquals(200, deviceAuth(id, sasToken(id, secondary, expiry)).statusCode());

        HttpResponse<String> expired =
                deviceAuth(id, sasToken(id, primary, Instant.now().minusSeconds(5)));
        assertEquals(403, expired.statusCode());
        assertTrue(expired.body().contains("expired"), expired.body());
        HttpResponse<String> wrongKey =
                deviceAuth(id, sasToken(id, Base64.getEncoder().encodeToString(new byte[32]), expiry));
        assertTrue(wrongKey.body().contains("bad signature"), wrongKey.body());
        HttpResponse<String> otherDevice = deviceAuth("someone-else", sasToken(id, primary, expiry));
        assertEquals(403, otherDevice.statusCode());
        HttpResponse<String> unknown = deviceAuth("unknown-" + id, sasToken("unknown-" + id, primary, expiry));
        assertTrue(unknown.body().contains("unknown device"), unknown.body());
        // a correctly signed token good until 2100 is a key by another name: lifetime is capped (30 days by default)
        HttpResponse<String> forever = deviceAuth(id, sasToken(id, primary, Instant.parse("2100-01-01T00:00:00Z")));
        assertEquals(403, forever.statusCode(), forever.body());
        assertTrue(forever.body().contains("longer than the allowed"), forever.body());
        assertEquals(
                200,
                deviceAuth(id, sasToken(id, primary, Instant.now().plusSeconds(29L * 24 * 3600)))
                        .statusCode());

        sendJson("PATCH", "/api/v1/devices/" + id, ADMIN, "{\"status\":\"disabled\"}");
        HttpResponse<String> disabled = deviceAuth(id, sasToken(id, primary, expiry));
        assertEquals(403, disabled.statusCode());
        assertTrue(disabled.body().contains("disabled"), disabled.body());
        HttpResponse<String> revocations = get("/api/v1/internal/gateway/revocations?after=" + cursor, GATEWAY);
        assertTrue(revocations.body().contains("\"" + id + "\""), revocations.body());

        sendJson("PATCH", "/api/v1/devices/" + id, ADMIN, "{\"status\":\"enabled\"}");
        HttpResponse<String> rekeyed =
                sendJson("POST", "/api/v1/devices/" + id + "/keys/regenerate", ADMIN, "{\"key\":\"primary\"}");
        assertEquals(200, rekeyed.statusCode(), rekeyed.body());
        String newPrimary = field(rekeyed.body(), "primaryKey");
        assertEquals(secondary, field(rekeyed.body(), "secondaryKey"), "only the primary key was replaced");
        assertEquals(403, deviceAuth(id, sasToken(id, primary, expiry)).statusCode(), "old key no longer works");
        assertEquals(200, deviceAuth(id, sasToken(id, newPrimary, expiry)).statusCode());

        assertEquals(
                204,
                Platform.send(Platform.request("/api/v1/devices/" + id)
                                .header("Authorization", ADMIN)
                                .DELETE()
                                .build())
                        .statusCode());
        assertEquals(404, get("/api/v1/devices/" + id, ADMIN).statusCode());
        assertEquals(403, deviceAuth(id, sasToken(id, newPrimary, expiry)).statusCode());
    }

    @Test
    void connectionEventsKeepStateAndLastActivity() throws Exception {
        String id = newId("conn");
        create(id, "{}");
        Instant t = Instant.now().minusSeconds(60);
        HttpResponse<String> posted = sendJson(
                "POST",
                "/api/v1/internal/gateway/connection-events",
                GATEWAY,
                "[{\"deviceId\":\"" + id + "\",\"event\":\"connected\",\"at\":\"" + t + "\",\"protocol\":\"mqtt\"},"
                        + "{\"deviceId\":\"" + id + "\",\"event\":\"activity\",\"at\":\"" + t.plusSeconds(30) + "\"},"
                        + "{\"deviceId\":\"deleted-long-ago\",\"event\":\"connected\",\"at\":\"" + t + "\"}]");
        assertEquals(204, posted.statusCode(), posted.body());
        String device = get("/api/v1/devices/" + id, ADMIN).body();
        assertEquals("connected", field(device, "connectionState"));
        assertEquals(
                t.plusSeconds(30).toEpochMilli(),
                Instant.parse(field(device, "lastActivityTime")).toEpochMilli());

        // a late report of an earlier disconnect does not undo the newer state
        sendJson(
                "POST",
                "/api/v1/internal/gateway/connection-events",
                GATEWAY,
                "[{\"deviceId\":\"" + id + "\",\"event\":\"disconnected\",\"at\":\"" + t.minusSeconds(10) + "\"}]");
        assertEquals("connected", field(get("/api/v1/devices/" + id, ADMIN).body(), "connectionState"));
        sendJson(
                "POST",
                "/api/v1/internal/gateway/connection-events",
                GATEWAY,
                "[{\"deviceId\":\"" + id + "\",\"event\":\"disconnected\",\"at\":\"" + t.plusSeconds(40)
                        + "\",\"reason\":\"keep-alive timeout\"}]");
        assertEquals("disconnected", field(get("/api/v1/devices/" + id, ADMIN).body(), "connectionState"));
    }

    @Test
    void importIsAllOrNothingWithALineByLineReport() throws Exception {
        String prefix = newId("imp");
        String csv = "deviceId,status,primaryKey,secondaryKey,tags\n"
                + prefix + "-a,enabled,,,station=east\n"
                + prefix + "-b,sleeping,,,\n"
                + "bad/id,,,,\n"
                + prefix + "-a,,,,\n";
        HttpResponse<String> rejected = Platform.send(Platform.request("/api/v1/devices/import")
                .header("Authorization", ADMIN)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
        assertEquals(400, rejected.statusCode(), rejected.body());
        assertTrue(
                rejected.body().contains("\"line\":3")
                        && rejected.body().contains("\"line\":4")
                        && rejected.body().contains("\"line\":5"),
                rejected.body());
        assertEquals(404, get("/api/v1/devices/" + prefix + "-a", ADMIN).statusCode(), "nothing imported");

        String json = "[{\"deviceId\":\"" + prefix + "-j1\",\"tags\":{\"kind\":\"vending\"}},{\"deviceId\":\"" + prefix
                + "-j2\",\"status\":\"disabled\"}]";
        HttpResponse<String> ok = sendJson("POST", "/api/v1/devices/import", ADMIN, json);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"imported\":2"));
        assertEquals(
                "disabled",
                field(get("/api/v1/devices/" + prefix + "-j2", ADMIN).body(), "status"));
    }

    @Test
    void tenThousandDevicesImportAndExportRoundTrips() throws Exception {
        String prefix = newId("bulk");
        StringBuilder csv = new StringBuilder("deviceId,status,primaryKey,secondaryKey,tags\n");
        String knownKey = Base64.getEncoder()
                .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 10_000; i++) {
            csv.append(prefix)
                    .append('-')
                    .append(String.format("%05d", i))
                    .append(",enabled,")
                    .append(i == 0 ? knownKey : "")
                    .append(",,station=s")
                    .append(i % 50)
                    .append(";kind=pump\n");
        }
        long start = System.nanoTime();
        HttpResponse<String> imported = Platform.send(Platform.request("/api/v1/devices/import")
                .header("Authorization", ADMIN)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                .build());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, imported.statusCode(), imported.body());
        assertTrue(imported.body().contains("\"imported\":10000"));
        System.out.println("FIGURE bulk import of 10000 devices: " + millis + " ms");

        // the imported key is the device's key: a token signed with it is accepted
        String first = prefix + "-00000";
        assertEquals(
                200,
                deviceAuth(first, sasToken(first, knownKey, Instant.now().plusSeconds(600)))
                        .statusCode());

        start = System.nanoTime();
        HttpResponse<String> exported = Platform.send(Platform.request("/api/v1/devices/export")
                .header("Authorization", ADMIN)
                .header("Accept", "text/csv")
                .GET()
                .build());
        System.out.println("FIGURE export of all devices: " + (System.nanoTime() - start) / 1_000_000 + " ms, "
                + exported.body().length() / 1024 + " KiB");
        assertEquals(200, exported.statusCode());
        assertTrue(exported.body().startsWith("deviceId,status,primaryKey,secondaryKey,tags"));
        assertTrue(exported.body().contains(first + ",enabled," + knownKey + ","), "export carries the keys");
        long ours =
                exported.body().lines().filter(l -> l.startsWith(prefix + "-")).count();
        assertEquals(10_000, ours);

        // round trip: the exported lines of this batch import again under new ids with the same keys
        String again = "deviceId,status,primaryKey,secondaryKey,tags\n"
                + exported.body()
                        .lines()
                        .filter(l -> l.startsWith(prefix + "-0000"))
                        .map(l -> "copy-" + l)
                        .reduce("", (a, b) -> a + b + "\n");
        HttpResponse<String> reimported = Platform.send(Platform.request("/api/v1/devices/import")
                .header("Authorization", ADMIN)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(again))
                .build());
        assertEquals(200, reimported.statusCode(), reimported.body());
        assertEquals(
                200,
                deviceAuth(
                                "copy-" + first,
                                sasToken(
                                        "copy-" + first, knownKey, Instant.now().plusSeconds(600)))
                        .statusCode());
        assertEquals("s0", field(get("/api/v1/devices/copy-" + first, ADMIN).body(), "station"));
    }
}
