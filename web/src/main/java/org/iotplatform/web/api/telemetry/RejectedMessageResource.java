package org.iotplatform.web.api.telemetry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.telemetry.RejectedMessageDetails;
import org.iotplatform.telemetry.TelemetryHistory;
import org.iotplatform.web.api.Range;

/** Messages a device sent that were not stored as telemetry, newest first, with the reason. */
@Path("devices/{id}/rejected")
@RequestScoped
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class RejectedMessageResource {

    @Inject
    TelemetryHistory history;

    @Inject
    DeviceRegistry registry;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RejectedMessageDetails> rejected(
            @PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("100") @Range(min = 1, max = 1000) int limit) {
        DeviceId device = DeviceId.of(id);
        registry.get(device); // 404 for a device that does not exist, not an empty list
        return history.rejected(Optional.of(device), limit);
    }
}
