package org.iotplatform.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The FD001 benchmark of the model core (not a test: it takes about a minute).
 *
 * <pre>
 * mvn -o -q -pl ejb test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.iotplatform.maintenance.Fd001Benchmark [-Dexec.args="cv depth=4,5 cap=125,130"]
 * </pre>
 *
 * Without arguments: trains on the 100 training engines with {@link RulModel.Params#DEFAULTS}, scores
 * the last record of each of the 100 test engines against RUL_FD001.txt and prints RMSE, the PHM08 score
 * and the time each step took. With {@code cv}: 5-fold cross-validation grouped by engine on the training
 * engines only, for the candidate parameters (how the defaults were chosen; the test set plays no part).
 */
public final class Fd001Benchmark {

    private Fd001Benchmark() {}

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        if (args.length > 0 && args[0].equals("cv")) {
            crossValidate(List.of(args).subList(1, args.length));
        } else {
            benchmark();
        }
    }

    private static void benchmark() {
        long t0 = System.nanoTime();
        List<DeviceHistory> train = Cmapss.train();
        List<DeviceHistory> test = Cmapss.test();
        double[] truth = Cmapss.testRul();
        long t1 = System.nanoTime();
        RulFeatures features = new RulFeatures(Cmapss.FD001_SENSORS);
        RulTrainingSet set = RulTrainingSet.of(train, features, FailureCondition.LAST_RECORD, Cmapss.CAP);
        long t2 = System.nanoTime();
        RulModel.Params params = RulModel.Params.DEFAULTS;
        try (RulModel model = RulModel.train(set, params)) {
            long t3 = System.nanoTime();
            byte[] bytes = model.toBytes();
            double[] predicted = new double[test.size()];
            double minute = Cmapss.CYCLE.toSeconds();
            for (int i = 0; i < test.size(); i++) {
                predicted[i] = model.predict(test.get(i)) / minute;
            }
            long t4 = System.nanoTime();
            System.out.printf(
                    "FD001: %d training engines, %d rows, %d features; params %s%n",
                    set.devices().size(), set.size(), features.names().size(), params);
            System.out.printf(
                    "FD001 test (100 engines, last record): RMSE %.2f cycles, PHM08 %.1f%n",
                    RulScores.rmse(predicted, truth), RulScores.phm08(predicted, truth));
            System.out.printf(
                    "times: read %.1f s, features %.1f s, training %.1f s (%d seeds x %d rounds),"
                            + " scoring %.1f ms per engine (features of its whole history + prediction); model %d KB%n",
                    sec(t1 - t0),
                    sec(t2 - t1),
                    sec(t3 - t2),
                    params.seeds().size(),
                    params.rounds(),
                    (t4 - t3) / 1e6 / test.size(),
                    bytes.length / 1024);
        }
    }

    /**
     * Each candidate: mean over 5 folds (engines shuffled with seed 42) of two RMSEs on the held-out
     * engines, in cycles: over all their records against the capped label (what training minimises),
     * and over their last 150 records against the true, uncapped remaining life (what the test set asks:
     * histories that stop some time before failure).
     */
    private static void crossValidate(List<String> grid) {
        List<DeviceHistory> train = Cmapss.train();
        RulModel.Params base = RulModel.Params.DEFAULTS.withSeeds(List.of(1L));
        List<Integer> depths = List.of(base.maxDepth());
        List<Integer> caps = List.of((int) Cmapss.CAP.toMinutes());
        List<Double> weights = List.of(base.minChildWeight());
        List<Double> colsamples = List.of(base.colsampleByTree());
        for (String g : grid) {
            String[] kv = g.split("=");
            List<String> values = List.of(kv[1].split(","));
            switch (kv[0]) {
                case "depth" -> depths = values.stream().map(Integer::valueOf).toList();
                case "cap" -> caps = values.stream().map(Integer::valueOf).toList();
                case "mcw" -> weights = values.stream().map(Double::valueOf).toList();
                case "colsample" ->
                    colsamples = values.stream().map(Double::valueOf).toList();
                default -> throw new IllegalArgumentException("depth=, cap=, mcw= or colsample=, not " + g);
            }
        }
        RulFeatures features = new RulFeatures(Cmapss.FD001_SENSORS);
        RulTrainingSet uncapped =
                RulTrainingSet.of(train, features, FailureCondition.LAST_RECORD, Cmapss.CYCLE.multipliedBy(1_000_000));
        double[] life = uncapped.labels();
        for (int cap : caps) {
            RulTrainingSet set =
                    RulTrainingSet.of(train, features, FailureCondition.LAST_RECORD, Cmapss.CYCLE.multipliedBy(cap));
            for (int depth : depths) {
                for (double mcw : weights) {
                    for (double colsample : colsamples) {
                        RulModel.Params p = new RulModel.Params(
                                base.eta(),
                                base.rounds(),
                                depth,
                                base.subsample(),
                                colsample,
                                mcw,
                                base.seeds(),
                                base.threads());
                        long t = System.nanoTime();
                        double[] figures = folds(set, life, p);
                        System.out.printf(
                                "cv cap %d depth %d min_child_weight %.0f colsample %.2f: RMSE all records %.2f,"
                                        + " last 150 against true life %.2f (%.0f s)%n",
                                cap, depth, mcw, colsample, figures[0], figures[1], sec(System.nanoTime() - t));
                    }
                }
            }
        }
    }

    private static double[] folds(RulTrainingSet set, double[] life, RulModel.Params params) {
        int k = 5;
        int[] foldOf = RulCrossValidation.folds(set.devices().size(), k, 42);
        int[] owner = set.deviceOfRow();
        double[] labels = set.labels();
        double all = 0;
        double late = 0;
        for (int f = 0; f < k; f++) {
            int fold = f;
            RulTrainingSet learn = set.devices(d -> foldOf[d] != fold);
            try (RulModel model = RulModel.train(learn, params)) {
                List<double[]> rows = new ArrayList<>();
                List<double[]> truth = new ArrayList<>(); // capped label, true life
                for (int i = 0; i < set.size(); i++) {
                    if (foldOf[owner[i]] == fold) {
                        rows.add(set.rows()[i]);
                        truth.add(new double[] {labels[i], life[i]});
                    }
                }
                double[] predicted = model.predict(rows.toArray(double[][]::new));
                double sumAll = 0;
                double sumLate = 0;
                int nLate = 0;
                for (int i = 0; i < predicted.length; i++) {
                    double p = predicted[i] / 60;
                    sumAll += Math.pow(p - truth.get(i)[0] / 60, 2);
                    if (truth.get(i)[1] / 60 < 150) {
                        sumLate += Math.pow(p - truth.get(i)[1] / 60, 2);
                        nLate++;
                    }
                }
                all += Math.sqrt(sumAll / predicted.length) / k;
                late += Math.sqrt(sumLate / nLate) / k;
            }
        }
        return new double[] {all, late};
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
