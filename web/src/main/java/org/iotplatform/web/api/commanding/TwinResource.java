package org.iotplatform.web.api.commanding;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.twin.DeviceTwins;

/**
 * {@code GET /devices/{id}/twin} answers the twin with its ETag; {@code PATCH} takes
 * {@code {"tags":{...},"properties":{"desired":{...}}}} (merge patch: {@code null} removes) and, with
 * {@code If-Match}, refuses with {@code 412} a change to a twin that changed since it was read.
 */
@Path("devices/{deviceId}/twin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TwinResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    DeviceTwins twins;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public Response get(@PathParam("deviceId") String deviceId) {
        return answer(twins.get(DeviceId.of(deviceId)));
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response patch(
            @PathParam("deviceId") String deviceId, @HeaderParam("If-Match") String ifMatch, String body) {
        return answer(twins.patch(
                DeviceId.of(deviceId),
                ifMatch,
                body == null ? "{}" : body,
                security.getUserPrincipal().getName()));
    }

    private static Response answer(DeviceTwins.Twin twin) {
        JsonObject body = JSON.createObjectBuilder()
                .add("deviceId", twin.deviceId())
                .add("etag", twin.etag())
                .add("version", twin.version())
                .add("tags", JSON.createObjectBuilder(new java.util.TreeMap<String, Object>(twin.tags())))
                .add(
                        "properties",
                        JSON.createObjectBuilder()
                                .add("desired", twin.desired())
                                .add("reported", twin.reported()))
                .build();
        return Response.ok(body).header("ETag", twin.etag()).build();
    }
}
