package org.iotplatform.maintenance;

import java.time.Instant;

/**
 * A kept estimate as the dashboard lists it: which device, by which model and version, the seconds
 * left after the device's newest record ({@code asOf}), and when it was scored.
 */
public record StoredEstimate(
        String model, String deviceId, int version, double rulSeconds, Instant asOf, Instant scoredAt) {}
