package org.iotplatform.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Labelled feature rows from devices that ran to failure: every record up to a device's failure, with
 * its features and the (capped) seconds it had left. Each row remembers its device, so validation can
 * hold whole devices out (rows of one device are near copies of each other).
 */
public final class RulTrainingSet {

    private final RulFeatures features;
    private final Duration cap;
    private final List<String> devices;
    private final double[][] rows;
    private final double[] labels;
    private final int[] deviceOfRow;
    private final List<String> withoutFailure;

    private RulTrainingSet(
            RulFeatures features,
            Duration cap,
            List<String> devices,
            double[][] rows,
            double[] labels,
            int[] deviceOfRow,
            List<String> withoutFailure) {
        this.features = features;
        this.cap = cap;
        this.devices = List.copyOf(devices);
        this.rows = rows;
        this.labels = labels;
        this.deviceOfRow = deviceOfRow;
        this.withoutFailure = List.copyOf(withoutFailure);
    }

    /** Histories whose failure the condition does not find are left out (see {@link #withoutFailure()}). */
    public static RulTrainingSet of(
            List<DeviceHistory> histories, RulFeatures features, FailureCondition failure, Duration cap) {
        RulLabels.seconds(cap);
        List<String> devices = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<double[]> labelParts = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (DeviceHistory h : histories) {
            var index = failure.indexIn(h);
            if (index.isEmpty()) {
                skipped.add(h.deviceId());
                continue;
            }
            int d = devices.size();
            devices.add(h.deviceId());
            double[] labels = RulLabels.secondsToFailure(h, index.getAsInt(), cap);
            double[][] deviceRows = features.rows(h, labels.length);
            for (double[] r : deviceRows) {
                rows.add(r);
                owners.add(d);
            }
            labelParts.add(labels);
        }
        double[] labels = new double[rows.size()];
        int k = 0;
        for (double[] part : labelParts) {
            System.arraycopy(part, 0, labels, k, part.length);
            k += part.length;
        }
        return new RulTrainingSet(
                features,
                cap,
                devices,
                rows.toArray(double[][]::new),
                labels,
                owners.stream().mapToInt(Integer::intValue).toArray(),
                skipped);
    }

    /** The rows of the devices (by their index in {@link #devices()}) that {@code keep} accepts. */
    public RulTrainingSet devices(IntPredicate keep) {
        List<double[]> r = new ArrayList<>();
        List<Double> l = new ArrayList<>();
        List<Integer> o = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (keep.test(deviceOfRow[i])) {
                r.add(rows[i]);
                l.add(labels[i]);
                o.add(deviceOfRow[i]);
            }
        }
        return new RulTrainingSet(
                features,
                cap,
                devices,
                r.toArray(double[][]::new),
                l.stream().mapToDouble(Double::doubleValue).toArray(),
                o.stream().mapToInt(Integer::intValue).toArray(),
                withoutFailure);
    }

    public RulFeatures features() {
        return features;
    }

    public Duration cap() {
        return cap;
    }

    /** The devices that gave rows, in the order of the histories. */
    public List<String> devices() {
        return devices;
    }

    /** Devices left out because they never failed. */
    public List<String> withoutFailure() {
        return withoutFailure;
    }

    public int size() {
        return rows.length;
    }

    double[][] rows() {
        return rows;
    }

    /** Seconds left at each row, capped. */
    public double[] labels() {
        return labels.clone();
    }

    /** The index in {@link #devices()} of each row's device. */
    public int[] deviceOfRow() {
        return deviceOfRow.clone();
    }
}
