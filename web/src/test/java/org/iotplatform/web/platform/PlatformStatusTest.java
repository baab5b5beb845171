package org.iotplatform.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.lang.management.MemoryUsage;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;
import org.iotplatform.integration.CamelRuntime;
import org.iotplatform.telemetry.TelemetryFlow;
import org.iotplatform.web.api.ApiJsonb;
import org.junit.jupiter.api.Test;

class PlatformStatusTest {

    @Test
    void theDatabaseWithProviderSchemaAndCatalog() {
        var db = PlatformStatus.Database.of(() -> new DatabaseStatus.Report("Hibernate ORM 6.6.1.Final", "23", "iot"));
        assertEquals(new PlatformStatus.Database("UP", "Hibernate ORM 6.6.1.Final", "23", "iot", null), db);
    }

    @Test
    void aDatabaseThatDoesNotAnswerSaysWhyFromTheInnermostCause() {
        var db = PlatformStatus.Database.of(() -> {
            throw new IllegalStateException(
                    "EJB wrapper",
                    new PersistenceException("JPA wrapper", new SQLTransientConnectionException("Connection refused")));
        });
        assertEquals(
                new PlatformStatus.Database(
                        "DOWN", null, null, null, "SQLTransientConnectionException: Connection refused"),
                db);
    }

    @Test
    void eachRouteWithItsState() {
        var camel = PlatformStatus.Camel.of(new CamelRuntime.Status(
                "Started",
                List.of(
                        new CamelRuntime.RouteStatus("telemetry-mqtt-ingress-1", "Started"),
                        new CamelRuntime.RouteStatus("device-twin-reports", "Stopped"))));
        assertEquals("UP", camel.status());
        assertEquals(
                List.of("telemetry-mqtt-ingress-1", "device-twin-reports"),
                List.copyOf(camel.routes().keySet()));
        assertEquals(Map.of("telemetry-mqtt-ingress-1", "Started", "device-twin-reports", "Stopped"), camel.routes());
        assertEquals(
                "DOWN",
                PlatformStatus.Camel.of(new CamelRuntime.Status("Stopped", List.of()))
                        .status());
    }

    @Test
    void theTelemetryFlowDownOnlyWhenStalled() {
        Instant due = Instant.parse("2026-11-26T10:00:00Z");
        var stalled = PlatformStatus.Flow.of(
                Optional.of(new TelemetryFlow.Status(TelemetryFlow.State.STALLED, null, due, "probe 7 missing")));
        assertEquals(new PlatformStatus.Flow("DOWN", "STALLED", "probe 7 missing", null, due), stalled);
        assertEquals("UP", PlatformStatus.Flow.of(Optional.empty()).status());
    }

    @Test
    void heapInMebibytesWithoutAMaximumWhenTheJvmSetsNone() {
        var heap = PlatformStatus.Heap.of(new MemoryUsage(0, 3L << 20, 8L << 20, -1));
        assertEquals(3, heap.usedMiB());
        assertEquals(8, heap.committedMiB());
        assertNull(heap.maxMiB());
    }

    @Test
    void asJsonTheRoutesAreAnObjectOfStates() {
        String json = ApiJsonb.jsonb()
                .toJson(new PlatformStatus(
                        PlatformStatus.Database.of(
                                () -> new DatabaseStatus.Report("Hibernate ORM 6.6.1.Final", "23", "iot_test")),
                        PlatformStatus.Camel.of(new CamelRuntime.Status(
                                "Started",
                                List.of(new CamelRuntime.RouteStatus("telemetry-mqtt-ingress-1", "Started")))),
                        PlatformStatus.Flow.of(Optional.empty()),
                        PlatformStatus.Heap.of(new MemoryUsage(0, 1L << 20, 2L << 20, 4L << 20))));
        // what the Arquillian tests and operators' scripts look for
        assertTrue(json.contains("\"catalog\":\"iot_test\""), json);
        assertTrue(json.contains("\"schemaVersion\":\"23\""), json);
        assertTrue(json.contains("\"routes\":{\"telemetry-mqtt-ingress-1\":\"Started\"}"), json);
        assertTrue(json.contains("\"heap\":{"), json);
        assertTrue(!json.contains("error") && !json.contains("null"), "absent, not null: " + json);
    }
}
