package org.iotplatform.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.iotplatform.integration.CamelRuntime;

/**
 * Ready when the Camel context is started. A route waiting for its far end (retried in the
 * background) does not count as not ready: the API and dashboard still serve. Route ids and states
 * are for admins ({@code GET /api/v1/platform/status}), not in this anonymous answer.
 */
@Readiness
@ApplicationScoped
public class CamelReadiness implements HealthCheck {

    @Inject
    CamelRuntime camel;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("camel")
                .status(camel.status().started())
                .build();
    }
}
