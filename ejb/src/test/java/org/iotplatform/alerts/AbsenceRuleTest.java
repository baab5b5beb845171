package org.iotplatform.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.TelemetryMessage;
import org.junit.jupiter.api.Test;

class AbsenceRuleTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void anAbsenceRuleIsDefinedByItsWaitInsteadOfACondition() {
        AlertRuleDefinition silence = AlertRuleDefinition.of(
                "quiet", DeviceSelector.device("p1"), null, null, null, "minor", true, null, "PT10M", null, null);
        assertNull(silence.condition());
        assertEquals(new Absence(Absence.Kind.TELEMETRY, Duration.ofMinutes(10)), silence.absence());
        AlertRuleDefinition offline = AlertRuleDefinition.of(
                "gone", DeviceSelector.device("p1"), null, null, null, "major", true, null, null, "PT5M", null);
        assertEquals(Absence.Kind.CONNECTION, offline.absence().kind());
        assertEquals("disconnected for PT5M", offline.absence().toString());
    }

    @Test
    void whatAnAbsenceRuleCannotTakeIsRefused() {
        assertRefused("exactly one", "temperature > 1", null, null, "PT1M", null);
        assertRefused("not both", null, null, null, "PT1M", "PT1M");
        assertRefused("go with a condition", null, "PT1M", null, "PT1M", null);
        assertRefused("go with a condition", null, null, 3, null, "PT1M");
        assertRefused("1 second to 30 days", null, null, null, "PT0S", null);
        assertRefused("1 second to 30 days", null, null, null, "P31D", null);
        assertRefused("ISO-8601", null, null, null, "ten minutes", null);
    }

    @Test
    void telemetryEndsASilenceAndKeepsTheNewestTime() {
        RuleCheck rule = new RuleCheck(
                1,
                "quiet",
                DeviceSelector.device("p1"),
                null,
                null,
                null,
                Severity.MINOR,
                List.of(),
                new Absence(Absence.Kind.TELEMETRY, Duration.ofMinutes(10)),
                null);
        RuleState state = new RuleState(0, null, T0, true);
        assertEquals(RuleCheck.Outcome.CLEAR, rule.evaluate(state, at(60), Map.of()));
        assertFalse(state.alertActive());
        assertEquals(T0.plusSeconds(60), state.lastMessageAt());
        assertEquals(RuleCheck.Outcome.NONE, rule.evaluate(state, at(30), Map.of()));
        assertEquals(T0.plusSeconds(60), state.lastMessageAt(), "a late message does not move it back");
        assertEquals("{}", rule.lastValue(at(61)));
        assertTrue(new Absence(Absence.Kind.TELEMETRY, Duration.ofMinutes(1))
                .describe(Duration.ofSeconds(75))
                .contains("\"silentForSeconds\":75"));
    }

    private static TelemetryMessage at(int seconds) {
        Instant t = T0.plusSeconds(seconds);
        return new TelemetryMessage(new DeviceId("p1"), "m" + seconds, t, t, Map.of("level", 1.0));
    }

    private static void assertRefused(
            String reason, String condition, String heldFor, Integer inARow, String silence, String offline) {
        InvalidAlertRuleException e = assertThrows(
                InvalidAlertRuleException.class,
                () -> AlertRuleDefinition.of(
                        "r",
                        DeviceSelector.device("p1"),
                        condition,
                        heldFor,
                        inARow,
                        "minor",
                        true,
                        null,
                        silence,
                        offline,
                        null));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
