package org.iotplatform.maintenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RulModelTest {

    /** Quick parameters for tests: fewer, larger steps and one seed. */
    private static final RulModel.Params QUICK = new RulModel.Params(0.1, 150, 4, 0.8, 0.5, 10, List.of(7L), 2);

    private static List<DeviceHistory> train;
    private static RulFeatures features;

    @BeforeAll
    static void data() {
        train = Cmapss.train();
        features = new RulFeatures(Cmapss.FD001_SENSORS);
    }

    /**
     * The pipeline end to end on a small FD001 subset: 30 engines train, 20 other training engines are
     * held out (the test file stays untouched), and every held-out record is scored.
     */
    @Test
    void learnsFarBetterThanTheMeanOnHeldOutEngines() {
        long start = System.nanoTime();
        RulTrainingSet learn =
                RulTrainingSet.of(train.subList(0, 30), features, FailureCondition.LAST_RECORD, Cmapss.CAP);
        RulTrainingSet heldOut =
                RulTrainingSet.of(train.subList(80, 100), features, FailureCondition.LAST_RECORD, Cmapss.CAP);
        double[] truth = heldOut.labels();
        double mean = Arrays.stream(learn.labels()).average().orElseThrow();
        double naive = RulScores.rmse(constant(mean, truth.length), truth);
        double rmse;
        try (RulModel model = RulModel.train(learn, QUICK)) {
            rmse = RulScores.rmse(model.predict(heldOut.rows()), truth);
        }
        double minute = Cmapss.CYCLE.toSeconds();
        System.out.printf(
                "FD001 subset: RMSE %.1f cycles against %.1f for the mean label, %.1f s%n",
                rmse / minute, naive / minute, (System.nanoTime() - start) / 1e9);
        assertTrue(rmse < 0.55 * naive, "RMSE " + rmse / minute + " cycles, the mean label " + naive / minute);
    }

    @Test
    void aLoadedModelPredictsExactlyAsTheTrainedOne() {
        RulTrainingSet learn =
                RulTrainingSet.of(train.subList(0, 10), features, FailureCondition.LAST_RECORD, Cmapss.CAP);
        RulModel.Params twoSeeds = QUICK.withRounds(30).withSeeds(List.of(1L, 2L));
        double[][] rows = features.rows(train.get(50));
        double[] before;
        byte[] bytes;
        try (RulModel model = RulModel.train(learn, twoSeeds)) {
            before = model.predict(rows);
            bytes = model.toBytes();
            assertEquals(model.predict(train.get(50)), before[before.length - 1], "a history scores its newest row");
        }
        try (RulModel loaded = RulModel.fromBytes(bytes)) {
            assertArrayEquals(before, loaded.predict(rows));
            assertEquals(features.names(), loaded.features().names());
            assertEquals(Cmapss.CAP, loaded.cap());
            assertArrayEquals(bytes, loaded.toBytes(), "saving again gives the same bytes");
        }
        for (double p : before) {
            assertTrue(p >= 0 && p <= Cmapss.CAP.toSeconds(), "between 0 and the cap: " + p);
        }
    }

    @Test
    void aClosedModelRefusesToPredictAndBadBytesAreRefused() {
        RulTrainingSet learn =
                RulTrainingSet.of(train.subList(0, 3), features, FailureCondition.LAST_RECORD, Cmapss.CAP);
        RulModel model = RulModel.train(learn, QUICK.withRounds(5));
        model.close();
        model.close();
        assertThrows(IllegalStateException.class, () -> model.predict(train.get(0)));
        assertThrows(IllegalArgumentException.class, () -> RulModel.fromBytes(new byte[] {1, 2, 3}));
    }

    private static double[] constant(double value, int n) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
