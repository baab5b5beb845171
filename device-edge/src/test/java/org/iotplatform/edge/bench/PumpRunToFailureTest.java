package org.iotplatform.edge.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PumpRunToFailureTest {

    private static final int FAULT = PumpRunToFailure.METRICS.indexOf("fault");
    private static final int VIBRATION = PumpRunToFailure.METRICS.indexOf("vibration");

    @Test
    void everyPumpRunsToItsFaultAndFaultsOnlyInItsLastHour() {
        for (long seed = 1; seed <= 40; seed++) {
            List<double[]> life = PumpRunToFailure.run(seed, 60, 600);
            assertTrue(!life.isEmpty() && life.size() <= 600, "seed " + seed + ": " + life.size() + " hours");
            assertTrue(life.get(life.size() - 1)[FAULT] > 0, "seed " + seed + " ends faulted");
            for (int h = 0; h < life.size() - 1; h++) {
                assertEquals(0, life.get(h)[FAULT], "seed " + seed + " hour " + h);
            }
        }
    }

    @Test
    void aSeedIsOnePump() {
        List<double[]> a = PumpRunToFailure.run(7, 60, 600);
        List<double[]> b = PumpRunToFailure.run(7, 60, 600);
        assertEquals(a.size(), b.size());
        for (int h = 0; h < a.size(); h++) {
            assertArrayEquals(a.get(h), b.get(h));
        }
        assertTrue(PumpRunToFailure.run(8, 60, 600).size() != a.size()
                || a.get(0)[0] != PumpRunToFailure.run(8, 60, 600).get(0)[0]);
    }

    @Test
    void wearShowsInVibrationBeforeTheFault() {
        for (long seed = 1; seed <= 40; seed++) {
            List<double[]> life = PumpRunToFailure.run(seed, 60, 600);
            if (life.size() >= 48) {
                double early = life.get(0)[VIBRATION];
                double late = life.get(life.size() - 2)[VIBRATION];
                assertTrue(late > early + 1, "seed " + seed + ": vibration " + early + " -> " + late);
            }
        }
    }

    @Test
    void aLongLifeKeepsItsLastHours() {
        List<double[]> full = PumpRunToFailure.run(3, 60, 10_000);
        List<double[]> cut = PumpRunToFailure.run(3, 60, 24);
        assertEquals(Math.min(24, full.size()), cut.size());
        assertArrayEquals(full.get(full.size() - 1), cut.get(cut.size() - 1));
    }

    @Test
    void theStepDividesAnHour() {
        assertThrows(IllegalArgumentException.class, () -> PumpRunToFailure.run(1, 7, 600));
    }
}
