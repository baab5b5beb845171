package org.iotplatform.maintenance;

import java.util.List;
import java.util.Objects;

/**
 * A device's records in time order (equal timestamps allowed, earlier never after later). For training
 * it is a run to failure; for scoring it is what the device has sent so far.
 */
public record DeviceHistory(String deviceId, List<HistoryRow> rows) {

    public DeviceHistory {
        Objects.requireNonNull(deviceId, "deviceId");
        rows = List.copyOf(rows);
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).timestamp().isBefore(rows.get(i - 1).timestamp())) {
                throw new IllegalArgumentException("device " + deviceId + ": record " + i + " is older than record "
                        + (i - 1) + "; a history must be in time order");
            }
        }
    }

    public int size() {
        return rows.size();
    }

    public HistoryRow row(int index) {
        return rows.get(index);
    }

    /** The first {@code count} records: what the device had sent by then. */
    public DeviceHistory prefix(int count) {
        return new DeviceHistory(deviceId, rows.subList(0, count));
    }

    /** One metric across the history, NaN where a record lacks it. */
    public double[] series(String metric) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).value(metric);
        }
        return out;
    }
}
