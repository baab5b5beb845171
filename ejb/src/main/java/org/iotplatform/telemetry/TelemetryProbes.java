package org.iotplatform.telemetry;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/** The transactions around {@link IngestProbes}: recording an arrived probe, reading the newest. */
@Stateless
public class TelemetryProbes {

    @Inject
    IngestProbes probes;

    @Inject
    Clock clock;

    public void arrived(String instance, long seq) {
        probes.arrived(instance, seq, clock.instant());
    }

    public Optional<TelemetryFlow.Arrival> newest(String instance) {
        return probes.newest(instance);
    }
}
