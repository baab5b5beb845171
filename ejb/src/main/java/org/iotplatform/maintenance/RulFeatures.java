package org.iotplatform.maintenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Causal features of a device history, one row per record: the feature row at index i reads records
 * 0..i only, so the rows a model learns from and the row it scores a live device with (the features of
 * its newest record) come from the same code and mean the same thing.
 *
 * <p>Per metric: the value (the last one seen when a record lacks it); over each window of the last n
 * samples its mean, standard deviation and slope (least squares, per sample); the recent level (mean of
 * the smallest window) against the device's own early baseline (mean of its first {@code baseline}
 * samples) and against its running mean since the first record. Then the device's age in samples and in
 * seconds. Windows count samples, not time, as wear shows in the sequence of readings; a window not yet
 * full uses the samples there are.
 */
public final class RulFeatures {

    /** The windows measured on C-MAPSS FD001 (../shared/STACK.md): 5, 10, 20 and 30 samples. */
    public static final List<Integer> DEFAULT_WINDOWS = List.of(5, 10, 20, 30);

    /** Samples that make a device's early baseline: its first 20 records, taken as healthy. */
    public static final int DEFAULT_BASELINE = 20;

    private final List<String> metrics;
    private final int[] windows;
    private final int baseline;
    private final List<String> names;

    public RulFeatures(List<String> metrics) {
        this(metrics, DEFAULT_WINDOWS, DEFAULT_BASELINE);
    }

    public RulFeatures(List<String> metrics, List<Integer> windows, int baseline) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("features need at least one metric");
        }
        if (windows.isEmpty() || windows.stream().anyMatch(w -> w < 2)) {
            throw new IllegalArgumentException("windows must be at least 2 samples: " + windows);
        }
        if (baseline < 1) {
            throw new IllegalArgumentException("the baseline needs at least one sample");
        }
        this.metrics = List.copyOf(metrics);
        this.windows = windows.stream().mapToInt(Integer::intValue).sorted().toArray();
        this.baseline = baseline;
        List<String> n = new ArrayList<>();
        for (String m : this.metrics) {
            n.add(m);
            for (int w : this.windows) {
                n.add(m + ".mean" + w);
                n.add(m + ".std" + w);
                n.add(m + ".slope" + w);
            }
            n.add(m + ".vsEarly");
            n.add(m + ".vsRunning");
        }
        n.add("age.samples");
        n.add("age.seconds");
        this.names = List.copyOf(n);
    }

    public List<String> metrics() {
        return metrics;
    }

    public List<Integer> windows() {
        return Arrays.stream(windows).boxed().toList();
    }

    public int baseline() {
        return baseline;
    }

    /** The feature names, in the order of a row's values. */
    public List<String> names() {
        return names;
    }

    /** One feature row per record. */
    public double[][] rows(DeviceHistory history) {
        return rows(history, history.size());
    }

    /** Feature rows for the first {@code count} records (a training history up to its failure). */
    public double[][] rows(DeviceHistory history, int count) {
        Series[] series = series(history, count);
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            out[i] = row(history, series, i);
        }
        return out;
    }

    /** The features of the record at {@code index}, from records 0..index only. */
    public double[] row(DeviceHistory history, int index) {
        if (index < 0 || index >= history.size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return row(history, series(history, index + 1), index);
    }

    /** The scoring row: the features of the newest record. */
    public double[] latest(DeviceHistory history) {
        if (history.size() == 0) {
            throw new IllegalArgumentException("device " + history.deviceId() + " has no records to score");
        }
        return row(history, history.size() - 1);
    }

    private Series[] series(DeviceHistory history, int count) {
        Series[] s = new Series[metrics.size()];
        for (int m = 0; m < s.length; m++) {
            s[m] = new Series(history, metrics.get(m), count, baseline);
        }
        return s;
    }

    private double[] row(DeviceHistory history, Series[] series, int i) {
        double[] out = new double[names.size()];
        int k = 0;
        for (Series s : series) {
            out[k++] = s.value[i];
            double recent = Double.NaN;
            for (int w : windows) {
                Window win = s.window(i, w);
                out[k++] = win.mean;
                out[k++] = win.std;
                out[k++] = win.slope;
                if (Double.isNaN(recent)) {
                    recent = win.mean;
                }
            }
            out[k++] = recent - s.early[i];
            out[k++] = recent - s.running[i];
        }
        out[k++] = i + 1;
        out[k] = (history.row(i).timestamp().toEpochMilli()
                        - history.row(0).timestamp().toEpochMilli())
                / 1000.0;
        return out;
    }

    private record Window(double mean, double std, double slope) {}

    /** A metric carried forward over missing values, with running statistics that each read only the past. */
    private static final class Series {
        final double[] value;
        final double[] running;
        final double[] early;

        Series(DeviceHistory history, String metric, int count, int baseline) {
            value = new double[count];
            running = new double[count];
            early = new double[count];
            double last = Double.NaN;
            double sum = 0;
            int seen = 0;
            double earlySum = 0;
            for (int i = 0; i < count; i++) {
                double v = history.row(i).value(metric);
                if (!Double.isNaN(v)) {
                    last = v;
                }
                value[i] = last;
                if (!Double.isNaN(last)) {
                    sum += last;
                    seen++;
                    if (seen <= baseline) {
                        earlySum += last;
                    }
                }
                running[i] = seen == 0 ? Double.NaN : sum / seen;
                early[i] = seen == 0 ? Double.NaN : earlySum / Math.min(seen, baseline);
            }
        }

        /** Mean, standard deviation and per-sample slope of the last {@code w} values up to index i. */
        Window window(int i, int w) {
            int from = Math.max(0, i - w + 1);
            // sums of differences from the newest value: no cancellation for large readings (e.g. 8138.62)
            double anchor = value[i];
            if (Double.isNaN(anchor)) {
                return new Window(Double.NaN, Double.NaN, Double.NaN);
            }
            int n = 0;
            double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
            for (int j = from; j <= i; j++) {
                if (Double.isNaN(value[j])) {
                    continue;
                }
                double y = value[j] - anchor;
                double x = j - from;
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                syy += y * y;
            }
            double mean = sy / n;
            if (n == 1) {
                return new Window(anchor + mean, 0, 0);
            }
            double var = Math.max(0, syy / n - mean * mean);
            double dx = sxx - sx * sx / n;
            double slope = dx == 0 ? 0 : (sxy - sx * sy / n) / dx;
            return new Window(anchor + mean, Math.sqrt(var), slope);
        }
    }
}
