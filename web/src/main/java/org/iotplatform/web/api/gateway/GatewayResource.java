package org.iotplatform.web.api.gateway;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.iotplatform.commanding.CloudToDeviceMessages;
import org.iotplatform.operators.Role;
import org.iotplatform.protocol.gateway.ConnectionEvent;
import org.iotplatform.protocol.gateway.DeviceAuthGranted;
import org.iotplatform.protocol.gateway.DeviceAuthRequest;
import org.iotplatform.protocol.gateway.GatewayApi;
import org.iotplatform.protocol.gateway.Revocations;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.registry.DeviceRevocation;
import org.iotplatform.web.api.ApiError;
import org.iotplatform.web.api.Range;

/**
 * The internal API the device gateways use: may a device connect, which devices must be dropped,
 * and what connected or went away. Only the gateway's service identity may call it.
 */
@Path("internal/gateway")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.GATEWAY_NAME)
public class GatewayResource {

    private static final int REVOCATION_PAGE = 1000;

    @Inject
    DeviceRegistry registry;

    @Inject
    CloudToDeviceMessages messages;

    @POST
    @Path(GatewayApi.DEVICE_AUTH)
    @Operation(summary = "Check a device's SAS token (gateways only)", hidden = true)
    public Response authenticate(DeviceAuthRequest request) {
        if (request == null) {
            throw new BadRequestException("body required");
        }
        DeviceRegistry.Authentication result = registry.authenticate(request.deviceId(), request.password());
        if (!result.allowed()) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(new ApiError("forbidden", result.reason()))
                    .build();
        }
        return Response.ok(new DeviceAuthGranted(request.deviceId(), result.expiresAt(), result.incarnation()))
                .build();
    }

    @GET
    @Path(GatewayApi.REVOCATIONS)
    @Operation(summary = "Devices whose connections must end, after a cursor (gateways only)", hidden = true)
    public Revocations revocations(@QueryParam("after") @Range(min = 0, max = Long.MAX_VALUE) Long after) {
        if (after == null) {
            return new Revocations(registry.revocationCursor(), List.of(), List.of());
        }
        List<DeviceRevocation> page = registry.revocationsAfter(after, REVOCATION_PAGE);
        long cursor = page.isEmpty() ? after : page.get(page.size() - 1).id();
        return new Revocations(
                cursor,
                page.stream().map(r -> r.deviceId().value()).distinct().toList(),
                page.stream()
                        .map(r -> new Revocations.Revoked(r.deviceId().value(), r.incarnation()))
                        .toList());
    }

    @POST
    @Path(GatewayApi.CONNECTION_EVENTS)
    @Operation(
            summary = "Connected, disconnected and activity reports, and cloud-to-device deliveries (gateways only)",
            hidden = true)
    public Response connectionEvents(List<ConnectionEvent> events) {
        if (events == null) {
            throw new BadRequestException("body required");
        }
        registry.recordConnectionEvents(events.stream()
                .filter(e -> !e.settles())
                .map(e -> new DeviceRegistry.ConnectionReport(
                        e.deviceId(), e.event(), e.at(), e.protocol(), e.reason(), e.remoteAddress()))
                .toList());
        events.stream()
                .filter(ConnectionEvent::settles)
                .forEach(e -> messages.settled(
                        e.deviceId(), e.messageId(), e.kind().orElse(null) == ConnectionEvent.Kind.MESSAGE_DELIVERED));
        return Response.noContent().build();
    }
}
