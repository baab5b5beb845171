package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.request;
import static org.iotplatform.it.Platform.send;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * History import through REST: recorded telemetry older than live devices may send, checked like
 * live telemetry, refused lines reported by number and kept, and a second import storing nothing twice.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryImportIT {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    private static HttpResponse<String> post(String id, String contentType, String body, String authorization)
            throws Exception {
        return send(request("/api/v1/devices/" + id + "/telemetry")
                .header("Authorization", authorization)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    @Test
    void aCsvHistoryOlderThanLiveMessagesMayBeIsStoredOnceAndItsBadLinesAreReportedAndKept() throws Exception {
        String id = newId("history");
        assertEquals(201, create(id, "{}").statusCode());
        // ten days back: beyond what a live message may carry (7 days), within the retention (30 days)
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        StringBuilder csv = new StringBuilder("ts,flow,vibration\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(start.plus(i, ChronoUnit.MINUTES))
                    .append(',')
                    .append(100 + i % 7)
                    .append(',');
            csv.append(i % 10 == 0 ? "" : "0.2").append('\n'); // some lines without vibration
            if (i == 499) {
                csv.append(start.plus(499, ChronoUnit.MINUTES).plusSeconds(30)).append(",fast,0.2\n"); // line 502
            }
        }
        csv.append(Instant.now().minus(40, ChronoUnit.DAYS)).append(",1,1\n"); // line 1003: past the retention

        HttpResponse<String> first = post(id, "text/csv", csv.toString(), ADMIN);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"accepted\":1000"), first.body());
        assertTrue(first.body().contains("\"duplicates\":0"), first.body());
        assertTrue(first.body().contains("\"rejectedCount\":2"), first.body());
        assertTrue(first.body().contains("{\"line\":502,\"reason\":\"metric 'flow' has a string value"), first.body());
        assertTrue(first.body().contains("\"line\":1003"), first.body());

        String values = get(
                        "/api/v1/devices/" + id + "/telemetry?metric=flow&limit=5000&from=" + start.minusSeconds(1)
                                + "&to=" + start.plus(1, ChronoUnit.DAYS),
                        ADMIN)
                .body();
        assertEquals(1000, AlertsIT.occurrences(values, "\"metric\":\"flow\""), "every minute's flow stored");
        assertTrue(values.startsWith("[{\"ts\":\"" + start.toString().substring(0, 16)), values.substring(0, 80));
        String vibration = get(
                        "/api/v1/devices/" + id + "/telemetry?metric=vibration&limit=5000&from=" + start.minusSeconds(1)
                                + "&to=" + start.plus(1, ChronoUnit.DAYS),
                        ADMIN)
                .body();
        assertEquals(900, AlertsIT.occurrences(vibration, "\"metric\":\"vibration\""), "empty cells stored nothing");
        String rejected = get("/api/v1/devices/" + id + "/rejected", ADMIN).body();
        assertTrue(rejected.contains("line 502: metric 'flow' has a string value"), rejected);

        HttpResponse<String> again = post(id, "text/csv", csv.toString(), ADMIN);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(
                again.body().contains("\"accepted\":0") && again.body().contains("\"duplicates\":1000"), again.body());
        String audit = get("/api/v1/audit?limit=100", ADMIN).body();
        assertTrue(audit.contains("telemetry.imported") && audit.contains(id), audit);
    }

    @Test
    void aJsonArrayOfMessagesImportsLikeLiveOnesAndBadRequestsAreRefusedWithTheReason() throws Exception {
        String id = newId("history-json");
        assertEquals(201, create(id, "{}").statusCode());
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> json = post(
                id,
                "application/json",
                "[{\"ts\":\"" + t + "\",\"temperature\":70.5}, [1], {\"ts\":\"" + t.plusSeconds(60)
                        + "\",\"temperature\":71,\"running\":true}]",
                ADMIN);
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(json.body().contains("\"accepted\":2") && json.body().contains("\"line\":2"), json.body());

        String operatorName = "importer-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(
                201,
                sendJson(
                                "POST",
                                "/api/v1/operators",
                                ADMIN,
                                "{\"username\":\"" + operatorName
                                        + "\",\"role\":\"viewer\",\"password\":\"viewer-password-123\"}")
                        .statusCode());
        String viewer = basic(operatorName, "viewer-password-123");
        assertEquals(403, post(id, "text/csv", "ts,a\n", viewer).statusCode(), "viewers read history only");
        assertEquals(
                404,
                post("no-such-device-" + UUID.randomUUID(), "text/csv", "ts,a\n", ADMIN)
                        .statusCode());
        HttpResponse<String> header = post(id, "text/csv", "time,a\n2026-01-01T00:00:00Z,1\n", ADMIN);
        assertEquals(400, header.statusCode(), header.body());
        assertTrue(header.body().contains("ts,<metric>"), header.body());
        assertEquals(400, post(id, "application/json", "[{\"ts\":", ADMIN).statusCode());
        assertEquals(400, post(id, "application/json", "{\"ts\":\"x\"}", ADMIN).statusCode());
        assertEquals(415, post(id, "text/plain", "ts,a\n", ADMIN).statusCode());
    }
}
