package org.iotplatform.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.iotplatform.registry.DeviceId;

/**
 * A device-to-cloud message as it arrives from a gateway, before any checking.
 *
 * @param messageId the device's {@code $.mid}, when it sent one (the key for de-duplication)
 * @param topic      where it was published, for the record when it is refused
 * @param properties the message's property bag ({@code $.mid}, {@code $.ct}, application properties)
 */
public record IncomingTelemetry(
        DeviceId deviceId,
        Optional<String> messageId,
        byte[] payload,
        Instant receivedAt,
        String topic,
        Map<String, String> properties) {

    public IncomingTelemetry(
            DeviceId deviceId, Optional<String> messageId, byte[] payload, Instant receivedAt, String topic) {
        this(deviceId, messageId, payload, receivedAt, topic, Map.of());
    }
}
