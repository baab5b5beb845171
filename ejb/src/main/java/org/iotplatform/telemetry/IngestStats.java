package org.iotplatform.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * How much telemetry became durable in a time range and how long it took: from the message's own
 * {@code ts} (set by the device when it published) to the moment it was written.
 */
public record IngestStats(
        long messages,
        Instant firstStored,
        Instant lastStored,
        double perSecond,
        long latencyP50Millis,
        long latencyP95Millis,
        long latencyP99Millis,
        long latencyMaxMillis) {

    public static IngestStats of(long[] latenciesMillis, Instant firstStored, Instant lastStored) {
        long n = latenciesMillis.length;
        if (n == 0) {
            return new IngestStats(0, null, null, 0, 0, 0, 0, 0);
        }
        Arrays.sort(latenciesMillis);
        double seconds =
                Math.max(0.001, Duration.between(firstStored, lastStored).toMillis() / 1000.0);
        return new IngestStats(
                n,
                firstStored,
                lastStored,
                n / seconds,
                at(latenciesMillis, 0.50),
                at(latenciesMillis, 0.95),
                at(latenciesMillis, 0.99),
                latenciesMillis[latenciesMillis.length - 1]);
    }

    private static long at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }
}
