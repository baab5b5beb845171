package org.iotplatform.maintenance;

import java.time.Duration;

/**
 * Training labels: the time left until the failure, capped (the piece-wise linear target). Early in a
 * run a device shows no sign of wear, so "a long time" is all one can learn there; the cap says so
 * instead of asking the model to tell 300 from 200 cycles out of healthy readings.
 */
public final class RulLabels {

    private RulLabels() {}

    /**
     * Seconds until the record at {@code failureIndex}, at most {@code cap}, for records 0..failureIndex
     * (later records are after the failure and get no label).
     */
    public static double[] secondsToFailure(DeviceHistory history, int failureIndex, Duration cap) {
        if (failureIndex < 0 || failureIndex >= history.size()) {
            throw new IllegalArgumentException(
                    "failure index " + failureIndex + " outside a history of " + history.size() + " records");
        }
        double capSeconds = seconds(cap);
        long failedAt = history.row(failureIndex).timestamp().toEpochMilli();
        double[] labels = new double[failureIndex + 1];
        for (int i = 0; i <= failureIndex; i++) {
            double left = (failedAt - history.row(i).timestamp().toEpochMilli()) / 1000.0;
            labels[i] = Math.min(left, capSeconds);
        }
        return labels;
    }

    /** Labels up to the failure the condition finds; empty when the history never failed. */
    public static double[] secondsToFailure(DeviceHistory history, FailureCondition failure, Duration cap) {
        var index = failure.indexIn(history);
        return index.isPresent() ? secondsToFailure(history, index.getAsInt(), cap) : new double[0];
    }

    static double seconds(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the cap must be positive, not " + d);
        }
        return d.toMillis() / 1000.0;
    }
}
