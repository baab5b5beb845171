package org.iotplatform.alerts;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.operators.OperatorAccounts;
import org.iotplatform.operators.Username;

/**
 * Alerts as operators work with them: listed, read with their history, acknowledged, commented,
 * cleared by hand. Every action goes into the alert's history and the audit trail, in one
 * transaction with the change.
 */
@Stateless
public class Alerts {

    static final int MAX_COMMENT = 1000;

    @Inject
    AlertRepository alerts;

    @Inject
    ActionLedger actions;

    @Inject
    OperatorAccounts operators;

    @Inject
    AuditTrail audit;

    @Inject
    AlertFeed feed;

    @Inject
    Clock clock;

    /** Newest first, at most {@code limit}; null filters match everything. */
    public List<AlertView> list(String deviceId, AlertState state, Severity severity, int limit) {
        return alerts.list(deviceId, state, severity, limit).stream()
                .map(AlertView::of)
                .toList();
    }

    /** How many alerts are active, by severity; every severity is present (0 when none). */
    public Map<Severity, Long> activeCountsBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        counts.putAll(alerts.activeCountsBySeverity());
        return counts;
    }

    /** The worst severity of each device's active alerts; devices without one are missing. */
    public Map<String, Severity> activeWorstByDevice() {
        return worst(alerts.activeSeveritiesByDevice());
    }

    /**
     * The worst severity of the active alerts of the devices tagged {@code tag}, by tag value (e.g. by
     * station for {@code station}); values without one are missing.
     */
    public Map<String, Severity> activeWorstByTag(String tag) {
        return worst(alerts.activeSeveritiesByTag(tag));
    }

    static Map<String, Severity> worst(List<AlertRepository.DeviceSeverity> rows) {
        Map<String, Severity> worst = new HashMap<>();
        rows.forEach(r -> worst.merge(r.key(), r.severity(), Severity::worse));
        return worst;
    }

    public AlertView get(long id) {
        Alert a = alerts.find(id).orElseThrow(() -> new AlertNotFoundException(id));
        return AlertView.of(a, alerts.history(id).stream().map(AlertChange::of).toList(), actions.of(id));
    }

    /** Acknowledging twice changes nothing the second time. */
    public AlertView acknowledge(long id, String actor) {
        Alert a = locked(id);
        Instant now = clock.instant();
        if (a.acknowledge(actor, now)) {
            record(a, actor, AlertEvent.ACKNOWLEDGED, null, now);
        }
        return get(id);
    }

    /**
     * Clears the alert; its rule judges the device afresh from the next message (a condition that
     * still holds raises a new alert). Clearing a cleared alert changes nothing.
     */
    public AlertView clear(long id, String actor) {
        Alert a = locked(id);
        Instant now = clock.instant();
        if (a.clear(actor, now)) {
            if (a.ruleId() != null) {
                alerts.resetState(a.ruleId(), a.deviceId());
            }
            record(a, actor, AlertEvent.CLEARED, "cleared by hand", now);
        }
        return get(id);
    }

    public AlertView comment(long id, String text, String actor) {
        if (text == null || text.isBlank()) {
            throw new InvalidAlertRequestException("text is required: {\"text\":\"...\"}");
        }
        if (text.length() > MAX_COMMENT) {
            throw new InvalidAlertRequestException("a comment is at most " + MAX_COMMENT + " characters");
        }
        Alert a = locked(id);
        record(a, actor, AlertEvent.COMMENTED, text.strip(), clock.instant());
        return get(id);
    }

    /** Gives the alert to an operator to look after ({@code null} or blank: to nobody). */
    public AlertView assign(long id, String operator, String actor) {
        String to = operator == null || operator.isBlank() ? null : operator.strip();
        if (to != null && !Username.VALID_TEXT.matcher(to).matches()
                || to != null && operators.find(new Username(to)).isEmpty()) {
            throw new InvalidAlertRequestException("there is no operator named '" + to + "'");
        }
        Alert a = locked(id);
        if (a.assign(to)) {
            record(a, actor, AlertEvent.ASSIGNED, to == null ? "to nobody" : "to " + to, clock.instant());
        }
        return get(id);
    }

    /** Another try of an action that was given up. */
    public AlertView retryAction(long id, long actionId, String actor) {
        locked(id);
        actions.retry(id, actionId, actor);
        return get(id);
    }

    private void record(Alert a, String actor, String what, String detail, Instant at) {
        AlertEvent event = new AlertEvent(a.id(), at, actor, what, detail);
        alerts.append(event);
        feed.afterCommit(event);
        audit.record(
                actor, "alert." + what, "alert " + a.id() + " (" + a.ruleName() + " on " + a.deviceId() + ")", detail);
    }

    private Alert locked(long id) {
        return alerts.lock(id).orElseThrow(() -> new AlertNotFoundException(id));
    }
}
