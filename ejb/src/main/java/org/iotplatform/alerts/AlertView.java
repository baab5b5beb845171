package org.iotplatform.alerts;

import java.time.Instant;
import java.util.List;

/**
 * An alert as the API and views show it ({@code rule} is the rule's name; the history and the
 * actions only for one alert).
 */
public record AlertView(
        long id,
        String deviceId,
        String rule,
        Long ruleId,
        String severity,
        boolean active,
        boolean acknowledged,
        String state,
        long count,
        String lastValue,
        Instant raisedAt,
        Instant lastAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant clearedAt,
        String clearedBy,
        String assignedTo,
        List<AlertChange> history,
        List<AlertAction.View> actions) {

    static AlertView of(Alert a) {
        return of(a, null, null);
    }

    /** With its history, oldest first, and its actions (null: without). */
    static AlertView of(Alert a, List<AlertChange> history, List<AlertAction.View> actions) {
        return new AlertView(
                a.id(),
                a.deviceId(),
                a.ruleName(),
                a.ruleId(),
                a.severity().value(),
                a.active(),
                a.acknowledged(),
                a.state().value(),
                a.count(),
                a.lastValue(),
                a.raisedAt(),
                a.lastAt(),
                a.acknowledgedAt(),
                a.acknowledgedBy(),
                a.clearedAt(),
                a.clearedBy(),
                a.assignedTo(),
                history,
                actions);
    }
}
