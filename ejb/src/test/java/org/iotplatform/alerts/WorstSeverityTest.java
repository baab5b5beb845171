package org.iotplatform.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.iotplatform.alerts.AlertRepository.DeviceSeverity;
import org.junit.jupiter.api.Test;

class WorstSeverityTest {

    @Test
    void theWorseOfTwoFollowsTheDeclarationOrder() {
        assertEquals(Severity.CRITICAL, Severity.worse(Severity.MAJOR, Severity.CRITICAL));
        assertEquals(Severity.MINOR, Severity.worse(Severity.MINOR, Severity.WARNING));
        assertEquals(Severity.WARNING, Severity.worse(null, Severity.WARNING));
        assertEquals(Severity.MAJOR, Severity.worse(Severity.MAJOR, null));
        assertNull(Severity.worse(null, null));
    }

    @Test
    void eachDeviceGetsItsWorstActiveSeverity() {
        Map<String, Severity> worst = Alerts.worst(List.of(
                new DeviceSeverity("pump-1", Severity.WARNING),
                new DeviceSeverity("pump-1", Severity.MAJOR),
                new DeviceSeverity("pump-2", Severity.MINOR),
                new DeviceSeverity("pump-1", Severity.MINOR)));
        assertEquals(Map.of("pump-1", Severity.MAJOR, "pump-2", Severity.MINOR), worst);
    }
}
