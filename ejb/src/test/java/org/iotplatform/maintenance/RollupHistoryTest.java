package org.iotplatform.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.iotplatform.maintenance.RollupHistory.BucketTotal;
import org.iotplatform.telemetry.Interval;
import org.junit.jupiter.api.Test;

class RollupHistoryTest {

    private static final Instant H0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant H1 = Instant.parse("2026-11-01T11:00:00Z");

    @Test
    void oneRecordPerBucketWithEachMetricsMeanInTimeOrder() {
        DeviceHistory h = RollupHistory.of(
                "p1",
                List.of(
                        new BucketTotal(H1, "vibration", 4, 10.0),
                        new BucketTotal(H0, "vibration", 2, 3.0),
                        new BucketTotal(H0, "temperature", 3, 120.0)));
        assertEquals(2, h.size());
        assertEquals(H0, h.row(0).timestamp());
        assertEquals(1.5, h.row(0).value("vibration"));
        assertEquals(40.0, h.row(0).value("temperature"));
        assertEquals(H1, h.row(1).timestamp());
        assertEquals(2.5, h.row(1).value("vibration"));
        assertTrue(Double.isNaN(h.row(1).value("temperature")), "no rollup: missing, carried forward by features");
    }

    @Test
    void theBucketStillFillingIsNotComplete() {
        assertEquals(
                Instant.parse("2026-11-01T12:00:00Z"),
                RollupHistory.completeBefore(Interval.HOUR, Instant.parse("2026-11-01T12:40:00Z")));
        // its end only just passed: late rollups of it may still come
        assertEquals(
                Instant.parse("2026-11-01T11:00:00Z"),
                RollupHistory.completeBefore(Interval.HOUR, Instant.parse("2026-11-01T12:00:30Z")));
    }

    @Test
    void theResolutionDefaultsToRaw() {
        assertEquals(null, ModelDefinition.interval(null));
        assertEquals(null, ModelDefinition.interval("raw"));
        assertEquals(Interval.HOUR, ModelDefinition.interval("1h"));
        try {
            ModelDefinition.interval("2h");
            throw new AssertionError("2h accepted");
        } catch (InvalidModelException e) {
            assertTrue(e.getMessage().contains("raw, 1m, 1h or 1d"), e.getMessage());
        }
    }
}
