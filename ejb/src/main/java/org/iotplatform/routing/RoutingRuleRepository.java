package org.iotplatform.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.iotplatform.telemetry.TelemetryMessage;

/** Where routes and their outbox are kept. */
public interface RoutingRuleRepository {

    List<RoutingRule> all();

    Optional<RoutingRule> find(String name);

    Optional<RoutingRule> find(long id);

    void store(RoutingRule rule);

    void remove(RoutingRule rule);

    /** A matched message for a route, in the caller's transaction. */
    record Match(long ruleId, TelemetryMessage message, String body) {}

    void enqueue(List<Match> matches, Instant now);

    /**
     * Entries due for delivery by enabled routes, oldest first, leased until {@code leaseUntil} so
     * other instances skip them (if this one dies, they are due again when the lease ends).
     */
    List<OutboxEntry> claimDue(Instant now, Instant leaseUntil, int limit);

    void removeEntry(long id);

    void retryLater(long id, String error, Instant next);

    long pending(long ruleId);
}
