package org.iotplatform.alerts;

import java.time.Instant;

/** One line of an alert's history as the API shows it: when, who, what (raised, acknowledged, ...). */
public record AlertChange(Instant at, String actor, String what, String detail) {

    static AlertChange of(AlertEvent e) {
        return new AlertChange(e.occurredAt(), e.actor(), e.kind(), e.detail());
    }
}
