package org.iotplatform.commanding;

import java.time.Instant;
import java.util.Map;

/**
 * A cloud-to-device message as the dashboard and the API show it: its id, where it stands
 * ({@code enqueued}, {@code delivered}, {@code expired}, {@code rejected}) and what it carries.
 */
public record CloudToDeviceMessage(
        String messageId,
        String state,
        String payload,
        Map<String, String> properties,
        Instant enqueuedAt,
        Instant expiresAt,
        Instant completedAt,
        String requestedBy) {

    static CloudToDeviceMessage of(DeviceCommand m, Map<String, String> properties) {
        return new CloudToDeviceMessage(
                m.name(),
                m.state(),
                m.request(),
                properties,
                m.requestedAt(),
                m.expiresAt(),
                m.completedAt(),
                m.requestedBy());
    }
}
