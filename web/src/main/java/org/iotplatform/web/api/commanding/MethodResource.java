package org.iotplatform.web.api.commanding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.commanding.MethodResult;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.web.api.InvalidJsonException;

/**
 * Direct methods: {@code POST /devices/{id}/methods/{name}} with {@code {"payload":{...},"timeoutSeconds":30}}
 * answers {@code {"status":<device's status>,"payload":<device's JSON>}} once the device answers;
 * {@code 404} when the device is not connected, {@code 504} when it does not answer in time. The
 * request thread is not held while the device thinks. One instance serves all calls (it keeps no
 * request state): made per request, injecting it cost a tenth of the server's CPU at hundreds of calls a second.
 */
@Path("devices/{deviceId}/methods")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MethodResource {

    /** Looked up once: {@code Json.create...} finds the provider on every call, slowly on Payara. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Set<String> FIELDS = Set.of("payload", "timeoutSeconds");

    @Inject
    DirectMethods methods;

    /**
     * Admins and operators only. Checked here rather than by {@code @RolesAllowed}: in an EAR, Payara
     * adds its own role filter to every annotated resource method (its {@code jaxrs-roles-allowed-enabled}
     * switch had no effect in this EAR: it is looked up on the top-level descriptor), and that filter
     * asks Soteria for the caller on every request, which tries and fails to load JBoss and WebLogic
     * classes through the application's class loader: ~8 % of the server's CPU at hundreds of calls a second.
     */
    @POST
    @Path("{method}")
    public void invoke(
            @PathParam("deviceId") String deviceId,
            @PathParam("method") String method,
            String body,
            @Context SecurityContext security,
            @Suspended AsyncResponse response) {
        if (!security.isUserInRole(Role.ADMIN_NAME) && !security.isUserInRole(Role.OPERATOR_NAME)) {
            throw new ForbiddenException();
        }
        JsonObject request = parse(body);
        JsonValue payload = request.getOrDefault("payload", JsonValue.NULL);
        Duration timeout =
                Duration.ofSeconds(request.containsKey("timeoutSeconds") ? number(request, "timeoutSeconds") : 30);
        methods.invoke(
                        DeviceId.of(deviceId),
                        method,
                        payload.toString(),
                        timeout,
                        security.getUserPrincipal().getName())
                .whenComplete((result, error) -> {
                    if (error == null) {
                        response.resume(Response.ok(view(result)).build());
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        // answered by the exception mappers, as if the resource method had thrown it
                        response.resume(cause instanceof RuntimeException ? cause : new IllegalStateException(cause));
                    }
                });
    }

    private static JsonObject view(MethodResult result) {
        JsonValue payload = result.payload() == null
                ? JsonValue.NULL
                : JSON.createReader(new StringReader(result.payload())).readValue();
        return JSON.createObjectBuilder()
                .add("status", result.status())
                .add("payload", payload)
                .build();
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue value = JSON.createReader(new StringReader(body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidJsonException(
                        "the body must be a JSON object {\"payload\":..., \"timeoutSeconds\":...}");
            }
            for (String field : value.asJsonObject().keySet()) {
                if (!FIELDS.contains(field)) {
                    throw new InvalidJsonException("unknown field '" + field + "'");
                }
            }
            return value.asJsonObject();
        } catch (jakarta.json.JsonException e) {
            throw InvalidJsonException.of(e);
        }
    }

    private static long number(JsonObject request, String name) {
        JsonValue v = request.get(name);
        if (v.getValueType() == JsonValue.ValueType.NUMBER && ((JsonNumber) v).isIntegral()) {
            try {
                return ((JsonNumber) v).longValueExact();
            } catch (ArithmeticException e) {
                // refused below: longValue() would wrap around
            }
        }
        throw new InvalidJsonException("field '" + name + "' must be a whole number");
    }
}
