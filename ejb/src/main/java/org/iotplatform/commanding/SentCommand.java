package org.iotplatform.commanding;

import java.time.Instant;

/** One entry of a device's command history, as the dashboard and the API show it. */
public record SentCommand(
        String kind,
        String name,
        String request,
        String state,
        Integer resultStatus,
        String result,
        String requestedBy,
        Instant requestedAt,
        Instant completedAt) {

    static SentCommand of(DeviceCommand c) {
        return new SentCommand(
                c.kind().name(),
                c.name(),
                c.request(),
                c.state(),
                c.resultStatus(),
                c.result(),
                c.requestedBy(),
                c.requestedAt(),
                c.completedAt());
    }
}
