package org.iotplatform.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iotplatform.routing.RuleCondition;
import org.iotplatform.telemetry.TelemetryMessage;

/**
 * An enabled rule as the evaluation needs it (condition parsed once), and the one place that decides
 * what a message does to a rule's state. Time is the messages' own: "held for" is measured between
 * message timestamps, so a replay or a restart judges the same messages the same way.
 *
 * @param heldFor the condition must hold from the first matching message until one at least this much
 *     later (null: not timed)
 * @param inARow  this many matching messages in a row raise the alert (null: the first does)
 * @param actions what to do once each time the rule raises an alert
 * @param absence for an absence rule, what it waits for (and {@code condition} is null); raised on a
 *     timer, cleared here when telemetry arrives
 * @param aggregate when the condition reads a window of telemetry: the evaluation hands
 *     {@link #evaluate} a message whose values are the window's aggregates (null: single messages)
 */
public record RuleCheck(
        long id,
        String name,
        DeviceSelector devices,
        RuleCondition condition,
        Duration heldFor,
        Integer inARow,
        Severity severity,
        List<RuleAction> actions,
        Absence absence,
        WindowAggregate aggregate) {

    /** What one message does to the rule's alert for its device. */
    public enum Outcome {
        /** Nothing to write to the alert (the state may still have changed). */
        NONE,
        RAISE,
        /** The active alert matched again: count it. */
        MATCH,
        CLEAR
    }

    public Outcome evaluate(RuleState state, TelemetryMessage m, Map<String, String> properties) {
        if (absence != null) {
            // telemetry ends a silence; the timer raises one from the newest message time kept here
            if (state.lastMessageAt == null || m.timestamp().isAfter(state.lastMessageAt)) {
                state.lastMessageAt = m.timestamp();
            }
            if (state.alertActive) {
                state.alertActive = false;
                return Outcome.CLEAR;
            }
            return Outcome.NONE;
        }
        boolean match = condition.test(m, properties);
        if (state.lastMessageAt != null && m.timestamp().isBefore(state.lastMessageAt)) {
            // late (e.g. two ingress consumers took a device's messages a millisecond apart): the newer
            // ones decided the state already; it only counts on the alert they keep active
            return match && state.alertActive ? Outcome.MATCH : Outcome.NONE;
        }
        if (!match && !m.values().keySet().containsAll(condition.metrics())) {
            return Outcome.NONE; // a message without the metric says nothing about the condition
        }
        state.lastMessageAt = m.timestamp();
        if (!match) {
            state.consecutive = 0;
            state.heldSince = null;
            if (state.alertActive) {
                state.alertActive = false;
                return Outcome.CLEAR;
            }
            return Outcome.NONE;
        }
        if (state.consecutive < Integer.MAX_VALUE) {
            state.consecutive++;
        }
        if (state.heldSince == null) {
            state.heldSince = m.timestamp();
        }
        if (state.alertActive) {
            return Outcome.MATCH;
        }
        boolean holds = inARow != null
                ? state.consecutive >= inARow
                : heldFor == null || !m.timestamp().isBefore(state.heldSince.plus(heldFor));
        if (holds) {
            state.alertActive = true;
            return Outcome.RAISE;
        }
        return Outcome.NONE;
    }

    /** The values the condition reads, as the alert shows its last value: {@code {"temperature":85.0}}. */
    public String lastValue(TelemetryMessage m) {
        if (condition == null) {
            return "{}";
        }
        Set<String> metrics = condition.metrics();
        StringBuilder json = new StringBuilder("{");
        for (String metric : metrics) {
            Double v = m.values().get(metric);
            if (v != null) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(metric).append("\":").append(v);
            }
        }
        return json.append('}').toString();
    }
}
