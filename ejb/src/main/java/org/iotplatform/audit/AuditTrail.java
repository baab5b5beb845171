package org.iotplatform.audit;

import java.time.Clock;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Records operator actions. Joins the caller's transaction, so an action and its audit entry
 * commit or roll back together.
 */
@Stateless
public class AuditTrail {

    @Inject
    AuditLog log;

    @Inject
    Clock clock;

    public void record(String actor, String action, String target, String detail) {
        log.append(new AuditEntry(clock.instant(), actor == null ? "anonymous" : actor, action, target, detail));
    }

    public List<AuditEntry> recent(int limit) {
        return log.recent(Math.max(1, Math.min(limit, 1000)));
    }
}
