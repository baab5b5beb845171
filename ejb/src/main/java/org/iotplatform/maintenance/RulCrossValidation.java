package org.iotplatform.maintenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Validation that holds whole devices out (group k-fold): rows of one device are near copies of each
 * other, so a row-wise split would score the model on devices it has seen. The figures a trained version
 * keeps, and the only ground on which parameters are chosen.
 */
public final class RulCrossValidation {

    /** Per fold: the RMSE (seconds) over every row of its held-out devices, and the devices held out. */
    public record Fold(List<String> heldOut, double rmseSeconds) {}

    private RulCrossValidation() {}

    /** Devices shuffled with {@code seed} and dealt into {@code k} folds; one model trained per fold. */
    public static List<Fold> groupKFold(RulTrainingSet set, RulModel.Params params, int k, long seed) {
        int devices = set.devices().size();
        if (k < 2 || k > devices) {
            throw new IllegalArgumentException(k + " folds for " + devices + " devices");
        }
        int[] foldOf = folds(devices, k, seed);
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int fold = f;
            RulTrainingSet train = set.devices(d -> foldOf[d] != fold);
            RulTrainingSet test = set.devices(d -> foldOf[d] == fold);
            try (RulModel model = RulModel.train(train, params)) {
                double rmse = RulScores.rmse(model.predict(test.rows()), test.labels());
                List<String> held = new ArrayList<>();
                for (int d = 0; d < devices; d++) {
                    if (foldOf[d] == fold) {
                        held.add(set.devices().get(d));
                    }
                }
                out.add(new Fold(held, rmse));
            }
        }
        return out;
    }

    /** The mean of the folds' RMSE. */
    public static double meanRmse(List<Fold> folds) {
        return folds.stream().mapToDouble(Fold::rmseSeconds).average().orElse(Double.NaN);
    }

    static int[] folds(int devices, int k, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            order.add(d);
        }
        Collections.shuffle(order, new Random(seed));
        int[] foldOf = new int[devices];
        for (int i = 0; i < devices; i++) {
            foldOf[order.get(i)] = i % k;
        }
        return foldOf;
    }
}
