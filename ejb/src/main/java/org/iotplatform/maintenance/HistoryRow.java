package org.iotplatform.maintenance;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One record of a device's history: its time and the metric values it carried (metrics it lacked are absent). */
public record HistoryRow(Instant timestamp, Map<String, Double> values) {

    public HistoryRow {
        Objects.requireNonNull(timestamp, "timestamp");
        values = Map.copyOf(values);
    }

    /** The metric's value, or NaN when this record does not carry it. */
    public double value(String metric) {
        Double v = values.get(metric);
        return v == null ? Double.NaN : v;
    }
}
