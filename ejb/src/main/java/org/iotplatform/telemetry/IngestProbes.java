package org.iotplatform.telemetry;

import java.time.Instant;
import java.util.Optional;

/** Where arrived telemetry-flow probes are recorded, one row per sending instance (see {@link TelemetryFlow}). */
public interface IngestProbes {

    /** Records that probe {@code seq} of {@code instance} arrived; an older number never replaces a newer one. */
    void arrived(String instance, long seq, Instant at);

    Optional<TelemetryFlow.Arrival> newest(String instance);
}
