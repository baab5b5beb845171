package org.iotplatform.web.api.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.iotplatform.operators.Role;
import org.iotplatform.routing.EndpointType;
import org.iotplatform.routing.RouteSummary;
import org.iotplatform.routing.RoutingRules;

/**
 * Operator-defined telemetry routes: {@code {"name":"overheat","condition":"temperature > 80",
 * "endpointType":"http","target":"https://erp.example/hooks/iot","enabled":true}}. Admins change them;
 * operators see them with their delivery counts.
 */
@Path("routes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RouteResource {

    public record RouteDefinition(String name, String condition, String endpointType, String target, Boolean enabled) {}

    @Inject
    RoutingRules rules;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public List<RouteSummary> list() {
        return rules.all();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public RouteSummary get(@PathParam("name") String name) {
        return rules.get(name);
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(RouteDefinition body) {
        RouteDefinition d = required(body);
        RouteSummary route =
                rules.create(d.name(), d.condition(), type(d), d.target(), d.enabled() == null || d.enabled(), actor());
        return Response.created(URI.create("routes/" + route.name()))
                .entity(route)
                .build();
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    public RouteSummary change(@PathParam("name") String name, RouteDefinition body) {
        RouteDefinition d = required(body);
        return rules.change(name, d.condition(), type(d), d.target(), d.enabled() == null || d.enabled(), actor());
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response delete(@PathParam("name") String name) {
        rules.delete(name, actor());
        return Response.noContent().build();
    }

    private static RouteDefinition required(RouteDefinition body) {
        if (body == null) {
            throw new BadRequestException("body required: name, condition, endpointType, target, enabled");
        }
        return body;
    }

    private static EndpointType type(RouteDefinition d) {
        return EndpointType.of(d.endpointType());
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
