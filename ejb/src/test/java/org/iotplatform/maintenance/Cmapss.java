package org.iotplatform.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NASA C-MAPSS files (data/cmapss at the repository root) as device histories, one cycle a minute, as
 * the platform's import would store them: metrics setting1..3 and s1..s21.
 */
final class Cmapss {

    /** The 14 sensors that change over an FD001 run (the other 7 and the settings are constant or noise). */
    static final List<String> FD001_SENSORS =
            List.of("s2", "s3", "s4", "s7", "s8", "s9", "s11", "s12", "s13", "s14", "s15", "s17", "s20", "s21");

    static final Duration CYCLE = Duration.ofMinutes(1);
    static final Duration CAP = CYCLE.multipliedBy(125);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Cmapss() {}

    static Path dir() {
        String configured = System.getProperty("iot.cmapss.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        // surefire and exec:java run in the module directory; the data sits at the repository root
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/cmapss"))) {
                return p.resolve("data/cmapss");
            }
        }
        throw new IllegalStateException("no data/cmapss above " + here);
    }

    /** Histories by unit, in unit order. */
    static List<DeviceHistory> read(String file, String prefix) {
        Map<Integer, List<HistoryRow>> units = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir().resolve(file))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 26) {
                    continue;
                }
                int unit = Integer.parseInt(f[0]);
                int cycle = Integer.parseInt(f[1]);
                Map<String, Double> values = new HashMap<>();
                for (int s = 1; s <= 3; s++) {
                    values.put("setting" + s, Double.parseDouble(f[1 + s]));
                }
                for (int s = 1; s <= 21; s++) {
                    values.put("s" + s, Double.parseDouble(f[4 + s]));
                }
                units.computeIfAbsent(unit, u -> new ArrayList<>())
                        .add(new HistoryRow(START.plus(CYCLE.multipliedBy(cycle)), values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DeviceHistory> out = new ArrayList<>();
        units.forEach((unit, rows) -> out.add(new DeviceHistory(String.format("%s-%03d", prefix, unit), rows)));
        return out;
    }

    static List<DeviceHistory> train() {
        return read("train_FD001.txt", "fd001-train");
    }

    static List<DeviceHistory> test() {
        return read("test_FD001.txt", "fd001-test");
    }

    /** True remaining cycles after each test unit's last row. */
    static double[] testRul() {
        try {
            return Files.readAllLines(dir().resolve("RUL_FD001.txt")).stream()
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
