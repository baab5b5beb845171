package org.iotplatform.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.TelemetryMessage;
import org.junit.jupiter.api.Test;

class RuleConditionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static TelemetryMessage message(String device, Map<String, Double> values) {
        return new TelemetryMessage(new DeviceId(device), "m1", NOW, NOW, values);
    }

    private static boolean matches(String condition, TelemetryMessage m, Map<String, String> properties) {
        return RuleCondition.parse(condition).test(m, properties);
    }

    @Test
    void comparesMetricsBooleansDevicesAndProperties() {
        TelemetryMessage hot = message("pump-001", Map.of("temperature", 85.0, "alert", 1.0, "pressure", 1.2));
        assertTrue(matches("temperature > 80", hot, Map.of()));
        assertFalse(matches("temperature > 85", hot, Map.of()));
        assertTrue(matches("temperature >= 85", hot, Map.of()));
        assertTrue(matches("alert = true", hot, Map.of()));
        assertFalse(matches("alert = false", hot, Map.of()));
        assertTrue(matches("device = pump-001", hot, Map.of()));
        assertFalse(matches("device != pump-001", hot, Map.of()));
        assertTrue(matches("property.kind = 'pump station'", hot, Map.of("kind", "pump station")));
        assertFalse(matches("property.kind = pump", hot, Map.of()), "a missing property never matches");
        assertFalse(matches("vibration > 0", hot, Map.of()), "a missing metric never matches");
    }

    @Test
    void andBindsTighterThanOr() {
        TelemetryMessage m = message("pump-002", Map.of("temperature", 50.0, "pressure", 1.0));
        assertTrue(matches("temperature > 80 and pressure > 2 or pressure < 1.5", m, Map.of()));
        assertFalse(matches("temperature > 80 or pressure < 1.5 and device = pump-001", m, Map.of()));
        assertTrue(matches("temperature < 60 AND device = pump-002", m, Map.of()));
    }

    @Test
    void badConditionsAreRefusedWithTheReason() {
        assertEquals(
                "condition is required, e.g. temperature > 80",
                assertThrows(InvalidRuleException.class, () -> RuleCondition.parse(" "))
                        .getMessage());
        assertTrue(assertThrows(InvalidRuleException.class, () -> RuleCondition.parse("temperature >"))
                .getMessage()
                .contains("incomplete"));
        assertTrue(assertThrows(InvalidRuleException.class, () -> RuleCondition.parse("temperature ~ 3"))
                .getMessage()
                .contains("not one of"));
        assertTrue(assertThrows(InvalidRuleException.class, () -> RuleCondition.parse("temperature > hot"))
                .getMessage()
                .contains("compares with a number"));
        assertTrue(assertThrows(InvalidRuleException.class, () -> RuleCondition.parse("temperature > 1 xor a = 2"))
                .getMessage()
                .contains("'and' or 'or'"));
    }
}
