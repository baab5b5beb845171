package org.iotplatform.registry;

import java.time.Instant;
import java.util.Map;

/**
 * A device as the dashboard and the API show it: its identity, state and tags, never its keys.
 *
 * @param status                 {@link DeviceStatus#value()}
 * @param connectionState        {@link ConnectionState#value()}
 * @param telemetryRetentionDays the device's own raw telemetry retention; null: the global setting
 */
public record RegisteredDevice(
        String deviceId,
        String status,
        String connectionState,
        Instant lastActivityTime,
        Map<String, String> tags,
        Integer telemetryRetentionDays,
        Instant createdAt,
        Instant updatedAt) {

    static RegisteredDevice of(Device d) {
        return new RegisteredDevice(
                d.deviceId().value(),
                d.status().value(),
                d.connectionState().value(),
                d.lastActivityTime(),
                d.tags(),
                d.telemetryRetentionDays().orElse(null),
                d.createdAt(),
                d.updatedAt());
    }
}
