package org.iotplatform.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iotplatform.telemetry.Interval;

/**
 * A device's history at a rollup interval: one record per bucket (timed at the bucket's start) with
 * each metric's mean over the bucket, and only buckets that are complete, since the newest one is
 * still filling and its mean would move under a score.
 */
public final class RollupHistory {

    /**
     * How long after a bucket's end its rollup can still change: the rollup job runs every 10 s and
     * looks 15 s back for batches that were still committing.
     */
    public static final Duration ROLLUP_SETTLE = Duration.ofMinutes(1);

    private RollupHistory() {}

    /** One metric's rollup in one bucket, as kept in {@code telemetry_rollup}. */
    public record BucketTotal(Instant bucket, String metric, long samples, double total) {}

    /**
     * The start of the first bucket that is not complete at {@code now}: buckets before it ended at
     * least {@link #ROLLUP_SETTLE} ago. By the clock rather than by the device's newest record, so a
     * device that went silent (or a history imported after the fact) has its last bucket read too.
     */
    public static Instant completeBefore(Interval interval, Instant now) {
        return interval.bucketOf(now.minus(ROLLUP_SETTLE));
    }

    /** The records of the given rollups, oldest first; a bucket lacks the metrics it has no rollup of. */
    public static DeviceHistory of(String deviceId, List<BucketTotal> rollups) {
        Map<Instant, Map<String, Double>> buckets = new TreeMap<>();
        for (BucketTotal r : rollups) {
            if (r.samples() > 0) {
                buckets.computeIfAbsent(r.bucket(), b -> new HashMap<>()).put(r.metric(), r.total() / r.samples());
            }
        }
        return new DeviceHistory(
                deviceId,
                buckets.entrySet().stream()
                        .map(e -> new HistoryRow(e.getKey(), e.getValue()))
                        .toList());
    }
}
