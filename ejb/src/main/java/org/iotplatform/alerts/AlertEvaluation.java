package org.iotplatform.alerts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.telemetry.TelemetryMessage;
import org.iotplatform.telemetry.TelemetryStored;

/**
 * Judges stored telemetry against the enabled rules, inside the ingest transaction: rule state and
 * alert changes commit with the messages, so with the broker's at-least-once delivery no alert is
 * forgotten or raised twice after a crash (a batch that rolls back is judged again when redelivered;
 * one that committed is not redelivered, and its duplicates are not stored, so not judged).
 * <p>
 * Per batch: the (rule, device) pairs it touches are locked in one order (their state rows, which
 * also name the active alert), each pair's messages judged in time order, and the changes written in
 * batches.
 */
@Stateless
public class AlertEvaluation {

    private static final Logger LOG = Logger.getLogger(AlertEvaluation.class.getName());
    private static final AtomicLong failures = new AtomicLong();
    /** Stored messages read per query when a run is recounted, and at most this many queries. */
    private static final int RECOUNT_PAGE = 500;

    private static final int RECOUNT_PAGES = 40;
    private static final Comparator<TelemetryMessage> BY_TIME = Comparator.comparing(TelemetryMessage::timestamp);

    @Inject
    AlertRuleRepository rules;

    @Inject
    AlertRepository alerts;

    @Inject
    AlertActionRepository actions;

    @Inject
    WatchedRules watched;

    @Inject
    AlertFeed feed;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.alerts.rules-refresh", defaultValue = "PT10S")
    Duration refresh;

    /**
     * Judges a stored batch. A failure of the evaluation does not fail the storage (one device's rules
     * must not stop the fleet's telemetry): it is logged and counted, and the batch is stored without
     * its alerts. Only failures that end the transaction anyway (a deadlock, a lost connection) pass
     * on, so the batch is retried as a whole.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void evaluate(@Observes TelemetryStored stored) {
        try {
            judge(stored);
        } catch (RuntimeException e) {
            if (TransactionFatal.is(e)) {
                throw e;
            }
            failures.incrementAndGet();
            LOG.log(
                    Level.SEVERE,
                    "alert rules could not judge a batch of "
                            + stored.messages().size() + " messages; they are stored without alerts",
                    e);
        }
    }

    /** Batches whose evaluation failed since start (the platform status shows it). */
    public static long failures() {
        return failures.get();
    }

    private void judge(TelemetryStored stored) {
        WatchedRules.Index index = index();
        if (index.isEmpty()) {
            return;
        }
        Map<RuleDevice, List<TelemetryMessage>> work = new TreeMap<>();
        for (TelemetryMessage m : stored.messages()) {
            for (RuleCheck r : index.watching(m.deviceId().value())) {
                work.computeIfAbsent(new RuleDevice(r.id(), m.deviceId().value()), k -> new ArrayList<>())
                        .add(m);
            }
        }
        keepWhatCanChange(work, index, stored);
        if (work.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<RuleDevice, AlertRepository.Locked> locked = alerts.lockStates(new ArrayList<>(work.keySet()), now);
        Map<RuleDevice, AlertRepository.Locked> judged = new HashMap<>();
        List<AlertRepository.Matches> matches = new ArrayList<>();
        List<AlertEvent> events = new ArrayList<>();
        for (Map.Entry<RuleDevice, List<TelemetryMessage>> e : work.entrySet()) {
            RuleDevice pair = e.getKey();
            RuleCheck rule = index.rule(pair.ruleId());
            AlertRepository.Locked before = locked.get(pair);
            if (before == null) {
                continue; // the rule was deleted since it was cached
            }
            RuleState state = before.state();
            Long alertId = before.alertId();
            int count = 0;
            TelemetryMessage last = null;
            List<TelemetryMessage> messages = e.getValue();
            messages.sort(BY_TIME); // stable: a batch may hold a device's messages slightly out of order
            if (rule.aggregate() != null) {
                messages = windowed(rule, pair.deviceId(), messages, state);
            }
            if (!state.alertActive() && rule.countsStoredRuns() && isLate(state, messages)) {
                RuleCheck.Recount run = recount(rule, pair.deviceId(), newest(state, messages));
                if (run != null) {
                    run.applyTo(state);
                    if (run.holds()) {
                        state.alertActive = true;
                        alertId = raise(rule, pair.deviceId(), run.newestMatch(), now, events);
                    }
                    judged.put(pair, new AlertRepository.Locked(state, alertId));
                    continue;
                }
            }
            for (TelemetryMessage m : messages) {
                switch (rule.evaluate(state, m, stored.propertiesOf(m))) {
                    case RAISE -> {
                        RuleCheck.Recount run =
                                rule.countsStoredRuns() ? recount(rule, pair.deviceId(), m.timestamp()) : null;
                        if (run != null && !run.holds()) {
                            // counted in arrival order, the run looked long enough; stored, it is not
                            run.applyTo(state);
                            state.alertActive = false;
                        } else {
                            alertId = raise(rule, pair.deviceId(), m, now, events);
                        }
                    }
                    case MATCH -> {
                        count++;
                        last = m;
                    }
                    case CLEAR -> {
                        if (count > 0) {
                            matches.add(new AlertRepository.Matches(
                                    alertId, count, rule.lastValue(last), last.timestamp()));
                            count = 0;
                        }
                        alerts.clear(alertId, now);
                        events.add(new AlertEvent(
                                alertId,
                                now,
                                AlertEvent.SYSTEM,
                                AlertEvent.CLEARED,
                                (rule.absence() != null
                                                ? "telemetry again"
                                                : "condition no longer holds: " + rule.lastValue(m))
                                        + " (message " + m.messageId() + ")"));
                        alertId = null;
                    }
                    case NONE -> {}
                }
            }
            if (count > 0) {
                matches.add(new AlertRepository.Matches(alertId, count, rule.lastValue(last), last.timestamp()));
            }
            judged.put(pair, new AlertRepository.Locked(state, alertId));
        }
        alerts.countMatches(matches);
        alerts.appendEvents(events);
        alerts.saveStates(judged, now);
        feed.afterCommit(events); // raised and cleared only: further matches are not news
    }

    private Long raise(RuleCheck rule, String deviceId, TelemetryMessage m, Instant now, List<AlertEvent> events) {
        AlertRepository.Raised raised = alerts.raise(rule, deviceId, rule.lastValue(m), m.timestamp());
        if (raised.created()) {
            actions.queue(raised.id(), rule.actions(), now);
            events.add(new AlertEvent(
                    raised.id(),
                    now,
                    AlertEvent.SYSTEM,
                    AlertEvent.RAISED,
                    rule.condition().text() + ": " + rule.lastValue(m) + " (message " + m.messageId() + ")"));
        }
        return raised.id();
    }

    /** A batch reaching back before the newest message already judged (sorted: its first is its oldest). */
    private static boolean isLate(RuleState state, List<TelemetryMessage> sorted) {
        return state.lastMessageAt() != null && sorted.get(0).timestamp().isBefore(state.lastMessageAt());
    }

    private static Instant newest(RuleState state, List<TelemetryMessage> sorted) {
        Instant last = sorted.get(sorted.size() - 1).timestamp();
        return state.lastMessageAt() != null && state.lastMessageAt().isAfter(last) ? state.lastMessageAt() : last;
    }

    /**
     * The run that ends at {@code upTo}, recounted from stored telemetry (this batch included); null
     * when it reaches further back than {@link #RECOUNT_PAGES} pages without being decided, and the
     * count kept in the state stands.
     */
    private RuleCheck.Recount recount(RuleCheck rule, String deviceId, Instant upTo) {
        RuleCheck.Recount run = rule.recount();
        int page = rule.inARow() != null ? Math.min(rule.inARow() + 1, RECOUNT_PAGE) : RECOUNT_PAGE;
        AlertRepository.StoredCursor from = new AlertRepository.StoredCursor(upTo, null);
        for (int pages = 0; from != null && pages < RECOUNT_PAGES; pages++) {
            AlertRepository.StoredPage stored =
                    alerts.olderMessages(deviceId, rule.condition().metrics(), from, page);
            for (TelemetryMessage m : stored.newestFirst()) {
                if (!run.older(m)) {
                    return run;
                }
            }
            from = stored.next();
        }
        return from == null ? run : null;
    }

    /**
     * Drops the pairs the batch cannot change, so a fleet whose readings are normal costs one read,
     * not a locked state row per rule and device: a pair none of whose messages meets its condition
     * changes only if its state holds something a normal reading resets (an active alert, a run of
     * matches, "held since"). Silence and window rules are always judged (every message moves them).
     */
    private void keepWhatCanChange(
            Map<RuleDevice, List<TelemetryMessage>> work, WatchedRules.Index index, TelemetryStored stored) {
        Set<String> quietDevices = new java.util.HashSet<>();
        List<RuleDevice> quiet = new ArrayList<>();
        for (Map.Entry<RuleDevice, List<TelemetryMessage>> e : work.entrySet()) {
            RuleCheck rule = index.rule(e.getKey().ruleId());
            boolean judged = rule.absence() != null
                    || rule.aggregate() != null
                    || e.getValue().stream().anyMatch(m -> rule.condition().test(m, stored.propertiesOf(m)));
            if (!judged) {
                quiet.add(e.getKey());
                quietDevices.add(e.getKey().deviceId());
            }
        }
        if (quiet.isEmpty()) {
            return;
        }
        Set<RuleDevice> pending = alerts.pendingStates(quietDevices);
        for (RuleDevice pair : quiet) {
            if (!pending.contains(pair)) {
                work.remove(pair);
            }
        }
    }

    /**
     * For a window rule, what it judges instead of the batch's messages: one message carrying the
     * aggregates of the window that ends at the newest message (sliding), or of the tumbling window
     * that closed since the last one judged (none if none closed). Older closed windows that no message
     * followed in time are not judged afterwards.
     */
    private List<TelemetryMessage> windowed(
            RuleCheck rule, String deviceId, List<TelemetryMessage> sorted, RuleState state) {
        WindowAggregate a = rule.aggregate();
        TelemetryMessage newest = sorted.get(sorted.size() - 1);
        Instant from;
        Instant to;
        if (a.tumbling()) {
            Instant current = a.windowStart(newest.timestamp());
            if (state.windowEnd() != null && !state.windowEnd().isBefore(current)) {
                return List.of(); // still in the window judged last
            }
            state.windowEnd(current);
            to = current;
            from = current.minus(a.window());
        } else {
            to = newest.timestamp();
            from = to.minus(a.window());
        }
        Map<String, Double> values =
                alerts.aggregate(deviceId, rule.condition().metrics(), a.function(), from, to, a.tumbling());
        if (values.isEmpty()) {
            return List.of();
        }
        return List.of(new TelemetryMessage(newest.deviceId(), newest.messageId(), to, newest.receivedAt(), values));
    }

    private WatchedRules.Index index() {
        WatchedRules.Index cached = watched.current(refresh.toNanos());
        if (cached != null) {
            return cached;
        }
        long generation = watched.generation();
        WatchedRules.Index fresh = new WatchedRules.Index();
        for (AlertRule r : rules.all()) {
            // connection rules are judged on the timer only; silence rules also here (telemetry clears them)
            if (r.enabled() && (r.absence() == null || r.absence().kind() == Absence.Kind.TELEMETRY)) {
                DeviceSelector d = r.devices();
                Set<String> devices = d.all()
                        ? Set.of()
                        : d.deviceId() != null ? Set.of(d.deviceId()) : rules.devicesTagged(d.tagName(), d.tagValue());
                fresh.add(r.check(), devices);
            }
        }
        watched.replace(fresh, generation);
        return fresh;
    }
}
