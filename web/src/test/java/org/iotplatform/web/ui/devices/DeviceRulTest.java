package org.iotplatform.web.ui.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.iotplatform.maintenance.StoredEstimate;
import org.junit.jupiter.api.Test;

class DeviceRulTest {

    @Test
    void saysHowLongIsLeftByWhichModelAndAsOfWhen() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(
                "about 3.2 days left by pump-rul v2, as of 2026-12-01 10:00:00 UTC",
                DeviceRul.text(new StoredEstimate("pump-rul", "pump-1", 2, 276_480, t, t)));
    }
}
