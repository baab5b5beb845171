package org.iotplatform.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.iotplatform.integration.CamelRuntime;

/**
 * Ready when the Camel context is started; lists each route's state. A route waiting for its far
 * end (retried in the background) is reported, not counted as not ready: the API and dashboard
 * still serve.
 */
@Readiness
@ApplicationScoped
public class CamelReadiness implements HealthCheck {

    @Inject
    CamelRuntime camel;

    @Override
    public HealthCheckResponse call() {
        CamelRuntime.Status status = camel.status();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("camel")
                .status(status.started())
                .withData("context", status.context())
                .withData("routes", status.routes().size());
        status.routes().forEach(r -> builder.withData("route." + r.id(), r.status()));
        return builder.build();
    }
}
