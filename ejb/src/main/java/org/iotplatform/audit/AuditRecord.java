package org.iotplatform.audit;

import java.time.Instant;

/** One action of the audit trail as the dashboard and the API show it. */
public record AuditRecord(long id, Instant occurredAt, String actor, String action, String target, String detail) {

    static AuditRecord of(AuditEntry e) {
        return new AuditRecord(e.id(), e.occurredAt(), e.actor(), e.action(), e.target(), e.detail());
    }
}
