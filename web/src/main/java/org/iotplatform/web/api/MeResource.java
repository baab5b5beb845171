package org.iotplatform.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import org.iotplatform.operators.Role;

/** Who the caller is, as the platform sees them. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record Me(String username, List<String> roles) {}

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public Me me(@Context SecurityContext security) {
        List<String> roles = Arrays.stream(Role.values())
                .map(Role::value)
                .filter(security::isUserInRole)
                .toList();
        return new Me(security.getUserPrincipal().getName(), roles);
    }
}
