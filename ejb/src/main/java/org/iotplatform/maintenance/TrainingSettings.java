package org.iotplatform.maintenance;

import java.util.ArrayList;
import java.util.List;

/**
 * How a version is trained: boosting rounds, tree depth, how many seeds are averaged, and how many
 * folds of devices validate it (0: none). The defaults are the recipe measured on C-MAPSS FD001
 * ({@link RulModel.Params#DEFAULTS}); fewer rounds and seeds train a quick model for a trial.
 */
public record TrainingSettings(int rounds, int maxDepth, int seeds, int folds) {

    public static final TrainingSettings DEFAULTS = new TrainingSettings(
            RulModel.Params.DEFAULTS.rounds(),
            RulModel.Params.DEFAULTS.maxDepth(),
            RulModel.Params.DEFAULTS.seeds().size(),
            3);

    public TrainingSettings {
        if (rounds < 1 || rounds > 5000) {
            throw new InvalidModelException("training.rounds must be 1-5000");
        }
        if (maxDepth < 1 || maxDepth > 12) {
            throw new InvalidModelException("training.maxDepth must be 1-12");
        }
        if (seeds < 1 || seeds > 10) {
            throw new InvalidModelException("training.seeds must be 1-10");
        }
        if (folds != 0 && (folds < 2 || folds > 10)) {
            throw new InvalidModelException("training.folds must be 0 (no validation) or 2-10");
        }
    }

    /** The regressor's parameters: the measured recipe with these rounds, depth and seeds 1..n. */
    public RulModel.Params params(int threads) {
        List<Long> seedList = new ArrayList<>();
        for (long s = 1; s <= seeds; s++) {
            seedList.add(s);
        }
        return RulModel.Params.DEFAULTS
                .withRounds(rounds)
                .withMaxDepth(maxDepth)
                .withSeeds(seedList)
                .withThreads(threads);
    }

    public String json() {
        return "{\"rounds\":" + rounds + ",\"maxDepth\":" + maxDepth + ",\"seeds\":" + seeds + ",\"folds\":" + folds
                + "}";
    }
}
