package org.iotplatform.telemetry;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the minute, hour and day rollups a few seconds behind the stream, recomputing only the
 * buckets that received data. Recomputing rather than adding makes a run safe to repeat (after a
 * crash, on two instances, or with the overlap), so rollups always equal the values they summarise.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TelemetryRollups {

    private static final Logger LOG = Logger.getLogger(TelemetryRollups.class.getName());

    @Resource
    TimerService timers;

    @Inject
    TelemetryStore store;

    @Inject
    @ConfigProperty(name = "iot.telemetry.rollup-every", defaultValue = "PT10S")
    Duration every;

    /** How far back each run looks again, for batches that were still committing during the last run. */
    @Inject
    @ConfigProperty(name = "iot.telemetry.rollup-overlap", defaultValue = "PT15S")
    Duration overlap;

    private volatile boolean failing;

    @PostConstruct
    void schedule() {
        TimerConfig config = new TimerConfig("telemetry-rollups", false);
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), config);
    }

    @Timeout
    void run() {
        try {
            long seen = store.rollUp(overlap);
            if (failing) {
                LOG.info("telemetry rollups running again");
                failing = false;
            }
            if (seen > 0) {
                LOG.fine(() -> "rollups updated for " + seen + " messages");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "telemetry rollups failed; retrying every " + every, e);
                failing = true;
            }
        }
    }

    /** Runs now (tests, and operators who cannot wait for the next run). */
    public synchronized long runNow() { // the timer and a caller never run it at once
        return store.rollUp(overlap);
    }
}
