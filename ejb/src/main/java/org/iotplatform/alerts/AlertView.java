package org.iotplatform.alerts;

import java.time.Instant;
import java.util.List;

/** An alert as the API and views show it ({@code rule} is the rule's name; the history only for one alert). */
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
        List<AlertChange> history) {

    static AlertView of(Alert a) {
        return of(a, null);
    }

    /** With its history, oldest first (null: without). */
    static AlertView of(Alert a, List<AlertChange> history) {
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
                history);
    }
}
