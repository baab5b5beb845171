package org.iotplatform.alerts;

import static org.iotplatform.alerts.RuleCheck.Outcome.CLEAR;
import static org.iotplatform.alerts.RuleCheck.Outcome.MATCH;
import static org.iotplatform.alerts.RuleCheck.Outcome.NONE;
import static org.iotplatform.alerts.RuleCheck.Outcome.RAISE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.routing.RuleCondition;
import org.iotplatform.telemetry.TelemetryMessage;
import org.junit.jupiter.api.Test;

class RuleCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static RuleCheck rule(String condition, Duration heldFor, Integer inARow) {
        return new RuleCheck(
                1,
                "hot",
                DeviceSelector.device("pump-1"),
                RuleCondition.parse(condition),
                heldFor,
                inARow,
                Severity.MAJOR,
                List.of(),
                null,
                null);
    }

    private static TelemetryMessage at(int seconds, Map<String, Double> values) {
        Instant t = T0.plusSeconds(seconds);
        return new TelemetryMessage(new DeviceId("pump-1"), "m" + seconds, t, t, values);
    }

    private static TelemetryMessage temperature(int seconds, double value) {
        return at(seconds, Map.of("temperature", value));
    }

    private static List<RuleCheck.Outcome> run(RuleCheck rule, RuleState state, TelemetryMessage... messages) {
        List<RuleCheck.Outcome> outcomes = new ArrayList<>();
        for (TelemetryMessage m : messages) {
            outcomes.add(rule.evaluate(state, m, Map.of()));
        }
        return outcomes;
    }

    @Test
    void aSimpleRuleRaisesOnTheFirstMatchCountsTheRestAndClearsOnTheFirstNormalReading() {
        RuleState state = new RuleState();
        assertEquals(
                List.of(NONE, RAISE, MATCH, MATCH, CLEAR, NONE),
                run(
                        rule("temperature > 80", null, null),
                        state,
                        temperature(0, 70),
                        temperature(1, 85),
                        temperature(2, 90),
                        temperature(3, 81),
                        temperature(4, 60),
                        temperature(5, 60)));
        assertEquals(0, state.consecutive());
        assertNull(state.heldSince());
    }

    @Test
    void inARowRaisesOnTheNthMatchNotBeforeAndABreakStartsCountingAgain() {
        RuleCheck rule = rule("temperature > 80", null, 3);
        RuleState state = new RuleState();
        assertEquals(
                List.of(NONE, NONE, NONE, NONE, NONE, RAISE, MATCH),
                run(
                        rule,
                        state,
                        temperature(0, 85),
                        temperature(1, 85),
                        temperature(2, 60),
                        temperature(3, 85),
                        temperature(4, 85),
                        temperature(5, 85),
                        temperature(6, 85)));
        assertEquals(List.of(CLEAR), run(rule, state, temperature(7, 70)), "one normal reading clears it");
    }

    @Test
    void heldForRaisesOnlyOnceAMessageShowsTheConditionHeldThatLongByTheMessagesOwnTime() {
        RuleCheck rule = rule("temperature > 80", Duration.ofMinutes(2), null);
        RuleState state = new RuleState();
        assertEquals(
                List.of(NONE, NONE, NONE, RAISE, MATCH),
                run(
                        rule,
                        state,
                        temperature(0, 85),
                        temperature(60, 90),
                        temperature(119, 90),
                        temperature(120, 90),
                        temperature(180, 91)));
        assertEquals(T0, state.heldSince());
        assertEquals(List.of(CLEAR), run(rule, state, temperature(181, 50)));

        RuleState broken = new RuleState();
        assertEquals(
                List.of(NONE, NONE, NONE, NONE),
                run(rule, broken, temperature(0, 85), temperature(100, 60), temperature(130, 85), temperature(200, 85)),
                "a normal reading in between restarts the clock");
        assertEquals(T0.plusSeconds(130), broken.heldSince());
        assertEquals(List.of(RAISE), run(rule, broken, temperature(250, 85)));
    }

    @Test
    void aMessageWithoutTheMetricChangesNothing() {
        RuleCheck rule = rule("temperature > 80", null, 3);
        RuleState state = new RuleState();
        run(rule, state, temperature(0, 85), temperature(1, 85));
        assertEquals(List.of(NONE), run(rule, state, at(2, Map.of("pressure", 1.2))));
        assertEquals(2, state.consecutive(), "the pressure reading neither breaks nor extends the run");
        assertEquals(T0.plusSeconds(1), state.lastMessageAt());
        assertEquals(List.of(RAISE), run(rule, state, temperature(3, 85)));
        assertEquals(List.of(NONE), run(rule, state, at(4, Map.of("pressure", 1.2))), "and does not clear either");
        assertTrue(state.alertActive());
    }

    @Test
    void aLateMessageDoesNotRewriteWhatNewerOnesDecided() {
        RuleCheck rule = rule("temperature > 80", null, null);
        RuleState state = new RuleState();
        assertEquals(
                List.of(RAISE, NONE, MATCH),
                run(rule, state, temperature(10, 85), temperature(5, 60), temperature(6, 90)));
        assertTrue(state.alertActive());
        assertEquals(T0.plusSeconds(10), state.lastMessageAt());
    }

    /** Feeds {@code newestFirst} to a recount as the stored telemetry would, until it is decided. */
    private static RuleCheck.Recount recount(RuleCheck rule, TelemetryMessage... newestFirst) {
        RuleCheck.Recount run = rule.recount();
        for (TelemetryMessage m : newestFirst) {
            if (!run.older(m)) {
                break;
            }
        }
        return run;
    }

    @Test
    void aRecountFindsTheRunThatEndsAtTheNewestStoredMessageWhateverOrderItArrivedIn() {
        RuleCheck threeInARow = rule("temperature > 80", null, 3);
        RuleCheck.Recount run = recount(
                threeInARow,
                temperature(5, 90),
                at(4, Map.of("pressure", 1.0)), // without the metric: skipped, not a break
                temperature(3, 91),
                temperature(2, 92),
                temperature(1, 50));
        assertTrue(run.holds());
        assertEquals("m5", run.newestMatch().messageId());
        RuleState state = new RuleState();
        run.applyTo(state);
        assertEquals(3, state.consecutive());
        assertEquals(T0.plusSeconds(2), state.heldSince(), "counted back only as far as it needed");
        assertEquals(T0.plusSeconds(5), state.lastMessageAt());

        RuleCheck.Recount broken = recount(threeInARow, temperature(5, 90), temperature(4, 91), temperature(3, 70));
        assertTrue(!broken.holds());
        broken.applyTo(state = new RuleState());
        assertEquals(2, state.consecutive());
        assertEquals(T0.plusSeconds(4), state.heldSince());

        RuleCheck.Recount none = recount(threeInARow, temperature(5, 70), temperature(4, 91));
        none.applyTo(state = new RuleState(3, T0, T0.plusSeconds(1), false));
        assertEquals(0, state.consecutive());
        assertNull(state.heldSince());
        assertEquals(T0.plusSeconds(5), state.lastMessageAt());
        assertNull(none.newestMatch());
    }

    @Test
    void aRecountOfHeldForMeasuresFromTheOldestMatchOfTheRunToItsNewest() {
        RuleCheck tenSeconds = rule("temperature > 80", Duration.ofSeconds(10), null);
        assertTrue(
                !recount(tenSeconds, temperature(20, 90), temperature(15, 90), temperature(11, 90), temperature(9, 70))
                        .holds());
        RuleCheck.Recount run =
                recount(tenSeconds, temperature(20, 90), temperature(15, 90), temperature(10, 90), temperature(5, 90));
        assertTrue(run.holds());
        RuleState state = new RuleState();
        run.applyTo(state);
        assertEquals(T0.plusSeconds(10), state.heldSince());
    }

    @Test
    void onlyRunRulesWithoutPropertyTermsAreRecounted() {
        assertTrue(rule("temperature > 80", null, 3).countsStoredRuns());
        assertTrue(rule("temperature > 80", Duration.ofMinutes(1), null).countsStoredRuns());
        assertTrue(!rule("temperature > 80", null, null).countsStoredRuns());
        assertTrue(!rule("temperature > 80 and property.kind = 'pump'", null, 3).countsStoredRuns());
        assertTrue(!rule("device = pump-1", null, 3).countsStoredRuns());
    }

    @Test
    void definitionsRefuseBadSeverityDurationsConditionsAndActions() {
        DeviceSelector pump = DeviceSelector.device("pump-1");
        assertThrows(
                InvalidAlertRuleException.class,
                () -> AlertRuleDefinition.of("r", pump, "temperature >", null, null, "major", true, null));
        assertThrows(
                InvalidAlertRuleException.class,
                () -> AlertRuleDefinition.of("r", pump, "temperature > 1", null, null, "urgent", true, null));
        assertThrows(
                InvalidAlertRuleException.class,
                () -> AlertRuleDefinition.of("r", pump, "temperature > 1", "2 minutes", null, "major", true, null));
        assertThrows(
                InvalidAlertRuleException.class,
                () -> AlertRuleDefinition.of("r", pump, "temperature > 1", "PT2M", 3, "major", true, null));
        assertThrows(
                InvalidAlertRuleException.class,
                () -> AlertRuleDefinition.of("r", pump, "temperature > 1", null, 0, "major", true, null));
        assertThrows(
                InvalidAlertRuleException.class,
                () -> AlertRuleDefinition.of(
                        "r", pump, "temperature > 1", null, null, "major", true, "[{\"type\":\"sms\"}]"));
        assertThrows(InvalidAlertRuleException.class, () -> DeviceSelector.tag("kind"));
        assertThrows(InvalidAlertRuleException.class, () -> new DeviceSelector("pump-1", "kind", "pump", false));
        AlertRuleDefinition ok = AlertRuleDefinition.of(
                "r",
                DeviceSelector.tag("kind:pump"),
                "temperature > 1",
                "PT2M",
                null,
                "critical",
                null,
                "[{\"type\":\"method\",\"name\":\"reduceSpeed\",\"payload\":{\"rpm\":900}}]");
        assertEquals(Duration.ofMinutes(2), ok.heldFor());
        assertTrue(ok.enabled());
        assertTrue(ok.devices().watches("pump-9", Map.of("kind", "pump")));
    }
}
