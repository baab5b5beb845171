package org.iotplatform.maintenance;

import java.time.Instant;

/** A device's remaining useful life by a model's version: seconds left after its newest record ({@code asOf}). */
public record RulEstimate(String model, int version, double rulSeconds, Instant asOf) {}
