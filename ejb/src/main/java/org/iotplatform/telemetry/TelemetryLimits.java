package org.iotplatform.telemetry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured limits on telemetry, as the policy live messages meet and the one imported history
 * meets: the same checks, except that history may reach back as far as the raw retention.
 */
@ApplicationScoped
public class TelemetryLimits {

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

    /** Older data than the raw retention would be deleted at once and would corrupt rebuilt rollups: refused. */
    @Inject
    @ConfigProperty(name = "iot.telemetry.retention", defaultValue = "P30D")
    Duration retention;

    private TelemetryPolicy live;
    private TelemetryPolicy history;

    @PostConstruct
    void init() {
        live = new TelemetryPolicy(
                maxPayloadBytes, maxMetrics, maxFuture, maxPast.compareTo(retention) < 0 ? maxPast : retention);
        history = new TelemetryPolicy(maxPayloadBytes, maxMetrics, maxFuture, retention);
    }

    public TelemetryPolicy live() {
        return live;
    }

    public TelemetryPolicy history() {
        return history;
    }
}
