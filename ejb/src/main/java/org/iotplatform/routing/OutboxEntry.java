package org.iotplatform.routing;

/** One matched message waiting for delivery by one route: where to, and the JSON body to send. */
public record OutboxEntry(
        long id,
        long ruleId,
        String ruleName,
        EndpointType type,
        String target,
        String deviceId,
        String messageId,
        String body,
        int attempts) {}
