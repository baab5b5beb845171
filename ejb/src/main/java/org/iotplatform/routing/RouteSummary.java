package org.iotplatform.routing;

import java.time.Instant;

/**
 * A route as the dashboard and the API show it: its definition and how its deliveries go.
 *
 * @param condition    the condition's text
 * @param endpointType {@link EndpointType#value()}
 * @param pending      messages matched but not delivered yet
 */
public record RouteSummary(
        String name,
        String condition,
        String endpointType,
        String target,
        boolean enabled,
        long delivered,
        long failedAttempts,
        long pending,
        String lastError,
        Instant lastDeliveredAt,
        Instant createdAt,
        Instant updatedAt) {

    static RouteSummary of(RoutingRule r, long pending) {
        return new RouteSummary(
                r.name(),
                r.condition().text(),
                r.endpointType().value(),
                r.target(),
                r.enabled(),
                r.delivered(),
                r.failedAttempts(),
                pending,
                r.lastError(),
                r.lastDeliveredAt(),
                r.createdAt(),
                r.updatedAt());
    }
}
