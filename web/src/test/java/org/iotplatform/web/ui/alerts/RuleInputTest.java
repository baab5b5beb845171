package org.iotplatform.web.ui.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import org.iotplatform.alerts.AlertRuleDefinition;
import org.iotplatform.alerts.InvalidAlertRuleException;
import org.iotplatform.alerts.RuleView;
import org.iotplatform.alerts.Severity;
import org.junit.jupiter.api.Test;

/** The rule form's values become the definition the API would make of the same rule. */
class RuleInputTest {

    private static RuleInput input(RuleInput.Devices devices, String value, RuleInput.Timing timing) {
        return new RuleInput("pump hot", devices, value, "temperature > 80", timing, "PT2M", 3, "critical", true, "");
    }

    @Test
    void theFormsChoicesBecomeADefinition() {
        AlertRuleDefinition one = input(RuleInput.Devices.DEVICE, " pump-1 ", RuleInput.Timing.AT_ONCE)
                .definition();
        assertEquals("pump-1", one.devices().deviceId());
        assertNull(one.heldFor(), "the held-for field is ignored unless chosen");
        assertNull(one.inARow());
        assertEquals(Severity.CRITICAL, one.severity());
        assertEquals("[]", one.actions());

        AlertRuleDefinition tagged = input(RuleInput.Devices.TAG, "kind:pump", RuleInput.Timing.HELD_FOR)
                .definition();
        assertEquals("kind", tagged.devices().tagName());
        assertEquals(Duration.ofMinutes(2), tagged.heldFor());

        AlertRuleDefinition all = input(RuleInput.Devices.ALL, "ignored", RuleInput.Timing.IN_A_ROW)
                .definition();
        assertTrue(all.devices().all());
        assertEquals(3, all.inARow());
    }

    @Test
    void whatTheApiRefusesTheFormRefusesWithTheSameReason() {
        assertThrows(
                InvalidAlertRuleException.class,
                () -> input(RuleInput.Devices.TAG, "kind", RuleInput.Timing.AT_ONCE)
                        .definition());
        assertThrows(
                InvalidAlertRuleException.class,
                () -> input(RuleInput.Devices.DEVICE, "  ", RuleInput.Timing.AT_ONCE)
                        .definition());
        InvalidAlertRuleException noCount = assertThrows(
                InvalidAlertRuleException.class,
                () -> new RuleInput(
                                "r",
                                RuleInput.Devices.ALL,
                                null,
                                "a > 1",
                                RuleInput.Timing.IN_A_ROW,
                                null,
                                null,
                                "major",
                                true,
                                null)
                        .definition());
        assertTrue(noCount.getMessage().contains("in a row"), noCount.getMessage());
        InvalidAlertRuleException condition = assertThrows(
                InvalidAlertRuleException.class,
                () -> new RuleInput(
                                "r",
                                RuleInput.Devices.ALL,
                                null,
                                "temperature >",
                                RuleInput.Timing.AT_ONCE,
                                null,
                                null,
                                "major",
                                true,
                                null)
                        .definition());
        assertTrue(condition.getMessage().startsWith("condition:"), condition.getMessage());
    }

    @Test
    void anExistingRuleComesBackAsItWasAndSwitchesWithoutOtherChanges() {
        RuleView stored = new RuleView(
                4,
                "pump hot",
                new RuleView.Devices(null, "kind:pump", null),
                "temperature > 80",
                null,
                5,
                "minor",
                true,
                Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "method").add("name", "reduceSpeed"))
                        .build(),
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                null);
        RuleInput input = RuleInput.of(stored);
        assertEquals(RuleInput.Devices.TAG, input.devices());
        assertEquals("kind:pump", input.devicesValue());
        assertEquals(RuleInput.Timing.IN_A_ROW, input.timing());
        AlertRuleDefinition off = input.withEnabled(false).definition();
        assertFalse(off.enabled());
        assertEquals(5, off.inARow());
        assertEquals(Severity.MINOR, off.severity());
        assertTrue(off.actions().contains("reduceSpeed"), off.actions());
        assertEquals("tag kind:pump", RulesView.devices(stored.devices()));
        assertEquals("5 in a row", RulesView.timing(stored));
    }
}
