package org.iotplatform.maintenance;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.iotplatform.registry.InvalidDeviceException;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.routing.RuleCondition;
import org.iotplatform.telemetry.Interval;

/**
 * What a maintenance model learns from and predicts: the devices whose histories ran to failure (a
 * tag), the metrics it reads, when a history failed ({@code last} record, or the first record meeting
 * a condition such as {@code fault > 0}), the cap on the time-to-failure label, optionally the
 * devices it keeps scored (another tag), and the resolution it reads histories at: every raw record
 * ({@code interval} null), or one record per complete rollup bucket ({@code 1m}, {@code 1h},
 * {@code 1d}) carrying each metric's mean. Features count records, so a model trained on hourly
 * histories must score hourly records too; the interval makes that hold whatever cadence a device
 * reports at.
 */
public record ModelDefinition(
        String name,
        DeviceTag devices,
        DeviceTag watch,
        List<String> metrics,
        String failure,
        Duration cap,
        Interval interval,
        TrainingSettings training) {

    /** The resolution of a model without an interval: every record as stored. */
    public static final String RAW = "raw";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern METRIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

    public ModelDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidModelException(
                    "name must be 1-64 letters, digits, '_', '.', '-', starting with a letter or digit");
        }
        if (devices == null) {
            throw new InvalidModelException(
                    "devices must name the tag of the run-to-failure histories: {\"tag\":\"name:value\"}");
        }
        if (metrics == null || metrics.isEmpty() || metrics.size() > 100) {
            throw new InvalidModelException("metrics must list 1-100 metric names");
        }
        for (String m : metrics) {
            if (m == null || !METRIC.matcher(m).matches()) {
                throw new InvalidModelException("metric name '" + m + "' not allowed");
            }
        }
        if (new LinkedHashSet<>(metrics).size() != metrics.size()) {
            throw new InvalidModelException("metrics names a metric twice");
        }
        metrics = List.copyOf(metrics);
        failure = failure == null || failure.isBlank() ? "last" : failure.strip();
        try {
            FailureCondition.parse(failure);
        } catch (InvalidRuleException e) {
            throw new InvalidModelException("failure: " + e.getMessage());
        }
        if (cap == null || cap.isNegative() || cap.isZero()) {
            throw new InvalidModelException("cap must be a positive ISO-8601 duration, e.g. PT125M or P30D");
        }
        if (training == null) {
            training = TrainingSettings.DEFAULTS;
        }
    }

    /** {@code raw}, or the interval's code. */
    public String resolution() {
        return interval == null ? RAW : interval.code();
    }

    /** The interval a resolution names: null for {@code raw} (or none given). */
    public static Interval interval(String resolution) {
        if (resolution == null || resolution.isBlank() || resolution.strip().equals(RAW)) {
            return null;
        }
        try {
            return Interval.of(resolution.strip());
        } catch (InvalidDeviceException e) {
            throw new InvalidModelException("interval must be raw, 1m, 1h or 1d, not '" + resolution + "'");
        }
    }

    /** The metrics a history must carry: the model's, then any more its failure condition reads. */
    public List<String> recordedMetrics() {
        if (failure.equalsIgnoreCase("last")) {
            return metrics;
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(metrics);
        all.addAll(RuleCondition.parse(failure).metrics());
        return List.copyOf(all);
    }

    public FailureCondition failureCondition() {
        return FailureCondition.parse(failure);
    }
}
