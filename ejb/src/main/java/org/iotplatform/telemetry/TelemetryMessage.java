package org.iotplatform.telemetry;

import java.time.Instant;
import java.util.Map;
import org.iotplatform.registry.DeviceId;

/** A message that met the policy: its time and its named numeric values. */
public record TelemetryMessage(
        DeviceId deviceId, String messageId, Instant timestamp, Instant receivedAt, Map<String, Double> values) {}
