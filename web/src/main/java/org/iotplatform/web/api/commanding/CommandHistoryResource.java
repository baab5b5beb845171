package org.iotplatform.web.api.commanding;

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
import org.iotplatform.commanding.CommandHistory;
import org.iotplatform.commanding.SentCommand;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.web.api.Range;

/** {@code GET /devices/{id}/commands}: the commands sent to a device, newest first, and how each ended. */
@Path("devices/{deviceId}/commands")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CommandHistoryResource {

    @Inject
    CommandHistory history;

    @Inject
    DeviceRegistry registry;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public List<SentCommand> recent(
            @PathParam("deviceId") String deviceId,
            @QueryParam("limit") @DefaultValue("50") @Range(min = 1, max = 500) int limit) {
        DeviceId id = DeviceId.of(deviceId);
        registry.get(id);
        return history.recent(id, limit);
    }
}
