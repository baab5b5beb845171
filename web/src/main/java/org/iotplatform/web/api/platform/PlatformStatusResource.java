package org.iotplatform.web.api.platform;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.iotplatform.operators.Role;
import org.iotplatform.web.platform.PlatformMonitor;
import org.iotplatform.web.platform.PlatformStatus;

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
    PlatformMonitor platform;

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public PlatformStatus status() {
        return platform.status();
    }
}
