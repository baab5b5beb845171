package org.iotplatform.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RulScoresTest {

    @Test
    void rmseOfKnownErrors() {
        assertEquals(Math.sqrt(4.0 / 3), RulScores.rmse(new double[] {1, 2, 3}, new double[] {1, 2, 5}), 1e-12);
        assertEquals(0, RulScores.rmse(new double[] {7}, new double[] {7}));
    }

    @Test
    void phm08PunishesLateMoreThanEarly() {
        // 13 cycles early and 10 late cost e-1 each; exact costs nothing
        assertEquals(2 * (Math.E - 1), RulScores.phm08(new double[] {87, 110, 50}, new double[] {100, 100, 50}), 1e-12);
        double early = RulScores.phm08(new double[] {90}, new double[] {100});
        double late = RulScores.phm08(new double[] {110}, new double[] {100});
        assertEquals(Math.exp(10.0 / 13) - 1, early, 1e-12);
        assertEquals(Math.E - 1, late, 1e-12);
    }

    @Test
    void refusesMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> RulScores.rmse(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> RulScores.phm08(new double[0], new double[0]));
    }
}
