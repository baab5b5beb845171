package org.iotplatform.web.api.maintenance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.iotplatform.maintenance.InvalidModelException;
import org.iotplatform.maintenance.RulEstimate;
import org.iotplatform.maintenance.RulEstimates;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;

/** A device's remaining useful life by a model: {@code {"model","version","rulSeconds","asOf"}}. */
// The full path keeps /devices/{id} itself with DeviceResource (JAX-RS does not backtrack).
@Path("devices/{id}/rul")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class RulResource {

    @Inject
    RulEstimates estimates;

    @Inject
    DeviceRegistry registry;

    @GET
    public RulEstimate get(@PathParam("id") String id, @QueryParam("model") String model) {
        if (model == null || model.isBlank()) {
            throw new InvalidModelException("the model parameter names the maintenance model: ?model=<name>");
        }
        DeviceId device = DeviceId.of(id);
        registry.get(device); // 404 for a device that does not exist
        return estimates.estimate(device.value(), model);
    }
}
