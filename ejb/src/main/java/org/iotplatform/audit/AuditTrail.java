package org.iotplatform.audit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

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
        log.append(entry(clock.instant(), new Action(actor, action, target, detail)));
    }

    /** An action for {@link #recordAll}. */
    public record Action(String actor, String action, String target, String detail) {}

    /** Records several actions in one batch (as {@link #record} each, at the same time). */
    public void recordAll(List<Action> actions) {
        java.time.Instant now = clock.instant();
        log.appendAll(actions.stream().map(a -> entry(now, a)).toList());
    }

    private static AuditEntry entry(java.time.Instant at, Action a) {
        return new AuditEntry(at, a.actor() == null ? "anonymous" : a.actor(), a.action(), a.target(), a.detail());
    }

    /** Newest first. */
    public List<AuditRecord> recent(int limit) {
        return log.recent(Math.max(1, Math.min(limit, 1000))).stream()
                .map(AuditRecord::of)
                .toList();
    }
}
