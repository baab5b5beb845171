package org.iotplatform.maintenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RulFeaturesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final RulFeatures FEATURES = new RulFeatures(List.of("temperature", "vibration"));

    /** Noisy drifting readings, one every 30 s; some records lack vibration. */
    private static List<HistoryRow> rows(int count, long seed) {
        Random random = new Random(seed);
        List<HistoryRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Double> v = new HashMap<>();
            v.put("temperature", 60 + 0.05 * i + random.nextGaussian());
            if (i % 7 != 3) {
                v.put("vibration", 0.2 + 0.001 * i * i / 100 + 0.05 * random.nextGaussian());
            }
            rows.add(new HistoryRow(T0.plusSeconds(30L * i), v));
        }
        return rows;
    }

    @Test
    void changingLaterRecordsNeverChangesEarlierRows() {
        List<HistoryRow> past = rows(80, 1);
        List<HistoryRow> altered = new ArrayList<>(past.subList(0, 50));
        for (HistoryRow r : rows(80, 2).subList(50, 80)) {
            // wildly different futures: other values, a missing metric, a far later time
            altered.add(new HistoryRow(r.timestamp().plusSeconds(3600), Map.of("temperature", 1000.0)));
        }
        double[][] original = FEATURES.rows(new DeviceHistory("d", past));
        double[][] changed = FEATURES.rows(new DeviceHistory("d", altered));
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(original[i], changed[i], "row " + i);
        }
        assertTrue(!java.util.Arrays.equals(original[50], changed[50]), "the first changed record does change its row");
    }

    @Test
    void theScoringRowOfAPrefixIsTheTrainingRowAtThatIndex() {
        DeviceHistory full = new DeviceHistory("d", rows(120, 3));
        double[][] training = FEATURES.rows(full);
        for (int n = 1; n <= full.size(); n++) {
            DeviceHistory sentSoFar = full.prefix(n);
            assertArrayEquals(training[n - 1], FEATURES.latest(sentSoFar), "after " + n + " records");
            assertArrayEquals(training[n - 1], FEATURES.row(full, n - 1));
        }
    }

    @Test
    void windowsBaselinesAndAgeOnKnownNumbers() {
        // temperature 10, 12, 14, ... (slope 2 per sample), one record a minute
        List<HistoryRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new HistoryRow(T0.plusSeconds(60L * i), Map.of("temperature", 10.0 + 2 * i)));
        }
        RulFeatures f = new RulFeatures(List.of("temperature"), List.of(5, 10), 4);
        List<String> names = f.names();
        double[] row = f.row(new DeviceHistory("d", rows), 29);
        Map<String, Double> byName = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            byName.put(names.get(k), row[k]);
        }
        assertEquals(68, byName.get("temperature"));
        assertEquals(64, byName.get("temperature.mean5"), 1e-9);
        assertEquals(2, byName.get("temperature.slope5"), 1e-9);
        assertEquals(2, byName.get("temperature.slope10"), 1e-9);
        assertEquals(Math.sqrt(8), byName.get("temperature.std5"), 1e-9);
        assertEquals(64 - 13, byName.get("temperature.vsEarly"), 1e-9, "against the mean of the first 4");
        assertEquals(64 - 39, byName.get("temperature.vsRunning"), 1e-9, "against the mean of 30 samples");
        assertEquals(30, byName.get("age.samples"));
        assertEquals(29 * 60, byName.get("age.seconds"));
        // the first record: windows of one sample
        double[] first = f.row(new DeviceHistory("d", rows), 0);
        assertEquals(10, first[1]);
        assertEquals(0, first[2]);
        assertEquals(0, first[3]);
    }

    @Test
    void aMetricNotSeenYetIsMissingThenCarriedForward() {
        List<HistoryRow> rows = List.of(
                new HistoryRow(T0, Map.of("temperature", 1.0)),
                new HistoryRow(T0.plusSeconds(1), Map.of("temperature", 2.0, "vibration", 5.0)),
                new HistoryRow(T0.plusSeconds(2), Map.of("temperature", 3.0)));
        double[][] r = FEATURES.rows(new DeviceHistory("d", rows));
        int vibration = FEATURES.names().indexOf("vibration");
        assertTrue(Double.isNaN(r[0][vibration]), "XGBoost treats NaN as missing");
        assertEquals(5.0, r[2][vibration]);
        assertEquals(FEATURES.names().size(), r[0].length);
    }
}
