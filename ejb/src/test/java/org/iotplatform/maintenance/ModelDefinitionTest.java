package org.iotplatform.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelDefinitionTest {

    private static ModelDefinition model(List<String> metrics, String failure) {
        return new ModelDefinition(
                "pumps", DeviceTag.parse("set:pump-train"), null, metrics, failure, Duration.ofDays(10), null, null);
    }

    @Test
    void aHistoryCarriesTheMetricsTheFailureConditionReadsBesideTheModelsOwn() {
        assertEquals(
                List.of("vibration", "temperature", "fault"),
                model(List.of("vibration", "temperature"), "fault > 0 or temperature > 120")
                        .recordedMetrics());
        assertEquals(List.of("vibration"), model(List.of("vibration"), "last").recordedMetrics());
        assertEquals(List.of("vibration"), model(List.of("vibration"), null).recordedMetrics(), "no failure: last");
    }

    @Test
    void aDefinitionIsRefusedWithTheReason() {
        assertThrows(InvalidModelException.class, () -> model(List.of(), "last"));
        assertThrows(InvalidModelException.class, () -> model(List.of("a", "a"), "last"));
        assertThrows(InvalidModelException.class, () -> model(List.of("a"), "fault >"));
        assertThrows(InvalidModelException.class, () -> ModelDefinition.interval("2h"));
    }
}
