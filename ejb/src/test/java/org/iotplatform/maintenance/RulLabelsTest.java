package org.iotplatform.maintenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulLabelsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    /** A record a minute; fault set from {@code faultFrom} on. */
    private static DeviceHistory history(int records, int faultFrom) {
        List<HistoryRow> rows = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            rows.add(new HistoryRow(
                    T0.plusSeconds(60L * i), Map.of("vibration", 0.1 * i, "fault", i >= faultFrom ? 1.0 : 0.0)));
        }
        return new DeviceHistory("pump-001", rows);
    }

    @Test
    void timeLeftUntilTheLastRecordCapped() {
        double[] labels =
                RulLabels.secondsToFailure(history(10, 99), FailureCondition.LAST_RECORD, Duration.ofMinutes(5));
        assertArrayEquals(new double[] {300, 300, 300, 300, 300, 240, 180, 120, 60, 0}, labels);
    }

    @Test
    void failureAtTheFirstRecordMeetingACondition() {
        DeviceHistory h = history(10, 6);
        double[] byRule = RulLabels.secondsToFailure(h, FailureCondition.parse("fault > 0"), Duration.ofHours(1));
        assertArrayEquals(new double[] {360, 300, 240, 180, 120, 60, 0}, byRule, "records after the failure get none");
        double[] byPredicate = RulLabels.secondsToFailure(
                h, FailureCondition.when("vibration", r -> r.value("vibration") >= 0.45), Duration.ofHours(1));
        assertArrayEquals(new double[] {300, 240, 180, 120, 60, 0}, byPredicate);
        assertEquals(6, FailureCondition.parse("fault > 0").indexIn(h).getAsInt());
        assertEquals(9, FailureCondition.parse("last").indexIn(h).getAsInt());
    }

    @Test
    void aDeviceThatNeverFailedHasNoLabels() {
        DeviceHistory h = history(10, 99);
        assertTrue(FailureCondition.parse("fault > 0").indexIn(h).isEmpty());
        assertEquals(0, RulLabels.secondsToFailure(h, FailureCondition.parse("fault > 0"), Duration.ofHours(1)).length);
        RulTrainingSet set = RulTrainingSet.of(
                List.of(h, new DeviceHistory("pump-002", history(8, 4).rows())),
                new RulFeatures(List.of("vibration")),
                FailureCondition.parse("fault > 0"),
                Duration.ofHours(1));
        assertEquals(List.of("pump-001"), set.withoutFailure());
        assertEquals(List.of("pump-002"), set.devices());
        assertEquals(5, set.size());
    }

    @Test
    void refusesANonPositiveCapAndHistoriesOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> RulLabels.secondsToFailure(history(3, 9), 2, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DeviceHistory(
                        "d", List.of(new HistoryRow(T0.plusSeconds(1), Map.of()), new HistoryRow(T0, Map.of()))));
    }
}
