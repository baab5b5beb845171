package org.iotplatform.telemetry;

import java.time.Instant;

/** One metric summarised over one bucket of an {@link Interval}: how many values, and their min, max and mean. */
public record TelemetryAggregate(Instant bucket, String metric, long count, double min, double max, double avg) {}
