package org.iotplatform.telemetry;

import java.time.Instant;

/** One stored value of one metric. */
public record TelemetryPoint(Instant ts, String metric, double value) {}
