package org.iotplatform.web.api.platform;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;
import org.iotplatform.integration.CamelRuntime;
import org.iotplatform.integration.ingress.TelemetryFlowWatch;
import org.iotplatform.operators.Role;

/**
 * The platform's own state for admins: database provider, schema version and catalog, Camel's
 * routes, the telemetry flow and the heap. Not in the anonymous {@code /health}: versions, names and
 * route ids help an attacker more than a load balancer.
 */
@Path("platform/status")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlatformStatusResource {

    @Inject
    DatabaseStatus database;

    @Inject
    CamelRuntime camel;

    @Inject
    TelemetryFlowWatch flow;

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public PlatformStatus status() {
        return new PlatformStatus(
                PlatformStatus.Database.of(database::check),
                PlatformStatus.Camel.of(camel.status()),
                PlatformStatus.Flow.of(flow.status()),
                PlatformStatus.Heap.of(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()));
    }
}
