package org.iotplatform.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.iotplatform.integration.ingress.TelemetryFlowWatch;
import org.iotplatform.telemetry.TelemetryFlow;

/**
 * Not ready while device telemetry does not reach storage (a telemetry-flow probe went missing): a
 * platform that acknowledges nothing it stores must not look healthy to a load balancer or operator.
 * Only the state is shown here; the reason and probe times are for admins
 * ({@code GET /api/v1/platform/status}).
 */
@Readiness
@ApplicationScoped
public class TelemetryFlowReadiness implements HealthCheck {

    @Inject
    TelemetryFlowWatch watch;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("telemetry-flow");
        var status = watch.status();
        if (status.isEmpty()) {
            return builder.up()
                    .withData("state", "not watched (no ingress configured)")
                    .build();
        }
        TelemetryFlow.Status s = status.get();
        return builder.status(!s.stalled()).withData("state", s.state().name()).build();
    }
}
