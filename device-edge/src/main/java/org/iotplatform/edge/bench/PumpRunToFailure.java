package org.iotplatform.edge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iotplatform.edge.simulator.PumpModel;

/**
 * A simulated pump's life until its fault, accelerated and offline: the simulator's own {@link
 * PumpModel} (seeded, so a seed is one pump) stepped every {@code stepSeconds} of simulated time, and
 * each hour summarised as the mean of its steps, which is what the platform's hourly rollup of a live
 * pump holds. The run ends with the first hour in which the pump faulted. Pumps start with the random
 * wear the simulator gives them; a life longer than {@code maxHours} is kept from its last
 * {@code maxHours} only, i.e. the pump was already worn when its history begins.
 */
public final class PumpRunToFailure {

    /** The metrics an hour carries, in the order of a record's values; {@code fault} is the share of faulted steps. */
    public static final List<String> METRICS =
            List.of("flow", "pressure", "temperature", "vibration", "motorCurrent", "fault");

    /** The metrics a model reads: all but the fault it predicts. */
    public static final List<String> FEATURES = METRICS.subList(0, METRICS.size() - 1);

    /** Far beyond the slowest simulated wear (about 700 hours from new): a pump that never faults is a bug. */
    static final int MAX_SIMULATED_HOURS = 5_000;

    private PumpRunToFailure() {}

    /** Hourly records (values in {@link #METRICS} order) up to and including the hour of the fault. */
    public static List<double[]> run(long seed, int stepSeconds, int maxHours) {
        if (stepSeconds < 1 || 3600 % stepSeconds != 0) {
            throw new IllegalArgumentException("the step must divide an hour: " + stepSeconds + " s");
        }
        PumpModel pump = new PumpModel(seed, "bench", 1);
        int steps = 3600 / stepSeconds;
        List<double[]> hours = new ArrayList<>();
        for (int h = 0; h < MAX_SIMULATED_HOURS; h++) {
            double[] sum = new double[METRICS.size()];
            for (int s = 0; s < steps; s++) {
                Map<String, Object> values = pump.step(stepSeconds);
                for (int m = 0; m < sum.length; m++) {
                    Object v = values.get(METRICS.get(m));
                    sum[m] += v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
                }
            }
            for (int m = 0; m < sum.length; m++) {
                sum[m] /= steps;
            }
            hours.add(sum);
            if (sum[METRICS.size() - 1] > 0) {
                return List.copyOf(hours.subList(Math.max(0, hours.size() - maxHours), hours.size()));
            }
        }
        throw new IllegalStateException("pump " + seed + " ran " + MAX_SIMULATED_HOURS + " hours without a fault");
    }
}
