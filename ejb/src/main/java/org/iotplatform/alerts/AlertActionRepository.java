package org.iotplatform.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the actions of raised alerts wait to be carried out, and what became of them. */
public interface AlertActionRepository {

    /** Queues a rule's actions for an alert it just raised, in the caller's (the raise's) transaction. */
    void queue(long alertId, List<RuleAction> actions, Instant now);

    /**
     * Up to {@code limit} pending actions due by {@code now}, leased to the caller until {@code leaseUntil};
     * ones another instance is claiming at the same moment are skipped, not waited for.
     */
    List<AlertAction> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Locked for the caller's change. */
    Optional<AlertAction> lock(long id);

    /** In the rule's order. */
    List<AlertAction> ofAlert(long alertId);

    /** Pending and failed actions, for the platform's status. */
    long count(String state);
}
