package org.iotplatform.alerts;

import java.time.Duration;
import java.time.Instant;
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

    /**
     * A rule that counts a run of matches ("N in a row" or "held for"), and whose condition can be
     * judged again from stored telemetry (property terms cannot: the property bag is not stored).
     */
    public boolean countsStoredRuns() {
        return absence == null
                && aggregate == null
                && (inARow != null || heldFor != null)
                && !condition.metrics().isEmpty()
                && !condition.readsProperties();
    }

    /** Starts recounting, from stored telemetry newest first, the run that ends at the newest message. */
    public Recount recount() {
        return new Recount();
    }

    /**
     * The run of matching messages that ends at the newest stored one, counted back from it. Arrival
     * order cannot be trusted for runs: after an outage the backlog returns through several consumers
     * and a newer batch may commit before an older one; storage has them all in time order.
     */
    public final class Recount {

        private int run;
        private Instant start;
        private Instant newest;
        private TelemetryMessage newestMatch;

        private Recount() {}

        /** Takes the next older message; false once the run is known (broken, or long enough to hold). */
        public boolean older(TelemetryMessage m) {
            boolean match = condition.test(m, Map.of());
            if (!match && !m.values().keySet().containsAll(condition.metrics())) {
                return true; // says nothing about the condition, as in evaluate
            }
            if (newest == null) {
                newest = m.timestamp();
            }
            if (!match) {
                return false;
            }
            if (newestMatch == null) {
                newestMatch = m;
            }
            run++;
            start = m.timestamp();
            return !holds();
        }

        public boolean holds() {
            if (run == 0) {
                return false;
            }
            return inARow != null
                    ? run >= inARow
                    : heldFor == null || !newestMatch.timestamp().isBefore(start.plus(heldFor));
        }

        /** The newest matching message: the one an alert raised by this run names. */
        public TelemetryMessage newestMatch() {
            return newestMatch;
        }

        /**
         * Puts the count into {@code state} (not its alert flag). A run that holds is counted only as far
         * back as it needed to.
         */
        public void applyTo(RuleState state) {
            state.consecutive = run;
            state.heldSince = run > 0 ? start : null;
            if (newest != null && (state.lastMessageAt == null || newest.isAfter(state.lastMessageAt))) {
                state.lastMessageAt = newest;
            }
        }
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
