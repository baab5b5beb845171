package org.iotplatform.telemetry;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes device messages in: each either meets the {@link TelemetryPolicy} and is stored once
 * (by device and message id), or is kept as a rejected message with its reason. Never throws for
 * bad input, so a broken message cannot stall the stream behind it.
 */
@Stateless
public class TelemetryIngest {

    public enum Outcome {
        STORED, DUPLICATE, REJECTED
    }

    @Inject
    TelemetryStore store;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.telemetry.max-payload-bytes", defaultValue = "262144")
    int maxPayloadBytes;

    @Inject
    @ConfigProperty(name = "iot.telemetry.max-metrics", defaultValue = "100")
    int maxMetrics;

    @Inject
    @ConfigProperty(name = "iot.telemetry.max-future", defaultValue = "PT5M")
    Duration maxFuture;

    @Inject
    @ConfigProperty(name = "iot.telemetry.max-past", defaultValue = "P7D")
    Duration maxPast;

    private TelemetryPolicy policy;

    @PostConstruct
    void init() {
        policy = new TelemetryPolicy(maxPayloadBytes, maxMetrics, maxFuture, maxPast);
    }

    public Outcome ingest(IncomingTelemetry in) {
        TelemetryMessage message;
        try {
            message = policy.check(in, clock.instant());
        } catch (RejectedTelemetryException e) {
            store.reject(new RejectedMessage(in, e.getMessage()));
            return Outcome.REJECTED;
        }
        return store.storeOnce(message) ? Outcome.STORED : Outcome.DUPLICATE;
    }
}
