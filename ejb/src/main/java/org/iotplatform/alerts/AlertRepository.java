package org.iotplatform.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.iotplatform.telemetry.TelemetryMessage;

/** Where alerts, their history and the rules' state per device are kept. */
public interface AlertRepository {

    /**
     * The state of each pair, created where missing, locked for the caller's transaction (in the
     * pairs' order) so no other transaction judges the same rule and device meanwhile.
     */
    Map<RuleDevice, Locked> lockStates(List<RuleDevice> sortedPairs, Instant now);

    /** A pair's state and the id of its active alert (null: none). */
    record Locked(RuleState state, Long alertId) {}

    void saveStates(Map<RuleDevice, Locked> states, Instant now);

    /**
     * The pairs of these devices whose state a normal reading would change (an active alert, a run of
     * matches, "held since"), read without locking.
     */
    java.util.Set<RuleDevice> pendingStates(java.util.Set<String> deviceIds);

    /** A raise as the database settled it: a new alert, or the active one another writer created first. */
    record Raised(long id, boolean created) {}

    /**
     * Creates the active alert of the pair; if another transaction made one first (the unique active
     * key), counts this match on that one instead.
     */
    Raised raise(RuleCheck rule, String deviceId, String lastValue, Instant at);

    /** Further matches of an active alert. */
    record Matches(long alertId, int count, String lastValue, Instant lastAt) {}

    void countMatches(List<Matches> matches);

    /** Clears by the rule itself (the condition no longer holds). */
    void clear(long alertId, Instant at);

    void appendEvents(List<AlertEvent> events);

    /**
     * The aggregate of each of {@code metrics} over a device's stored telemetry from {@code from} to
     * {@code to} (excluding {@code from} and including {@code to}; with {@code endExclusive} the other
     * way round), in the caller's transaction so the batch being stored counts; metrics without
     * values are missing (for {@code count}: 0).
     */
    Map<String, Double> aggregate(
            String deviceId,
            java.util.Set<String> metrics,
            WindowAggregate.Function function,
            Instant from,
            Instant to,
            boolean endExclusive);

    /** Where a read of stored telemetry goes on from: older than this message (null id: all at {@code ts}). */
    record StoredCursor(Instant ts, String messageId) {}

    /**
     * A page of a device's stored messages, newest first, with the values of {@code metrics} they carry.
     *
     * @param next where the next older page starts (null: no older messages)
     */
    record StoredPage(List<TelemetryMessage> newestFirst, StoredCursor next) {}

    /**
     * Up to about {@code limit} of a device's stored messages that carry any of {@code metrics}, from
     * {@code from} back, newest first; in the caller's transaction, so the batch being stored counts.
     */
    StoredPage olderMessages(String deviceId, Set<String> metrics, StoredCursor from, int limit);

    /** A watched device for which an absence rule's wait is over, and since when it has been absent. */
    record Absent(String deviceId, Instant since) {}

    /**
     * The enabled devices {@code devices} selects that have been absent (no telemetry, or disconnected)
     * for at least {@code absence.after()} at {@code now}, without an active alert of the rule.
     */
    List<Absent> absent(long ruleId, DeviceSelector devices, Absence absence, Instant now);

    /**
     * Devices with an active alert of the absence rule that no longer holds: connected again (a
     * connection rule), or no longer watched (deleted, disabled, tagged otherwise).
     */
    List<String> absenceOver(long ruleId, DeviceSelector devices, Absence absence);

    /** Forgets where a rule stands for a device, after its alert was cleared by hand. */
    void resetState(long ruleId, String deviceId);

    /** After a rule changed: it counts afresh, its active alerts stay theirs. */
    void restartStates(long ruleId);

    /** After a rule was disabled (its alerts cleared). */
    void removeStates(long ruleId);

    /** The rule's active alerts (to clear when it is deleted or disabled). */
    List<Alert> activeOf(long ruleId);

    Optional<Alert> find(long id);

    /** Locked for an operator's change. */
    Optional<Alert> lock(long id);

    /** Newest first; null filters match everything. */
    List<Alert> list(String deviceId, AlertState state, Severity severity, int limit);

    /** Oldest first. */
    List<AlertEvent> history(long alertId);

    /** Active alerts by severity (severities without one are missing). */
    Map<Severity, Long> activeCountsBySeverity();

    /** The severities of each device's active alerts, one row per device and severity. */
    List<DeviceSeverity> activeSeveritiesByDevice();

    /** The severities of the active alerts of the devices tagged {@code tag}, one row per tag value and severity. */
    List<DeviceSeverity> activeSeveritiesByTag(String tag);

    /** A device (or a tag value) and a severity it has an active alert of. */
    record DeviceSeverity(String key, Severity severity) {}

    void append(AlertEvent event);
}
