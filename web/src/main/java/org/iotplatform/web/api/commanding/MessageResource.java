package org.iotplatform.web.api.commanding;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iotplatform.commanding.CloudToDeviceMessage;
import org.iotplatform.commanding.CloudToDeviceMessages;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.web.api.InvalidJsonException;
import org.iotplatform.web.api.Range;

/**
 * Cloud-to-device messages: {@code POST /devices/{id}/messages} with {@code {"payload":<any JSON>,
 * "properties":{"name":"value"},"ttlSeconds":3600}} answers {@code 202} with the message id; the
 * message's state ({@code enqueued}, {@code delivered}, {@code expired}, {@code rejected}) is at
 * {@code GET /devices/{id}/messages/{messageId}}. A string payload is sent as that text, anything else
 * as JSON. {@code 429} when the device already has the most messages waiting.
 */
@Path("devices/{deviceId}/messages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Set<String> FIELDS = Set.of("payload", "properties", "ttlSeconds");

    @Inject
    CloudToDeviceMessages messages;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response send(@PathParam("deviceId") String deviceId, String body) {
        JsonObject request = object(body);
        JsonValue payload = request.getOrDefault("payload", JsonValue.NULL);
        String text = payload.getValueType() == JsonValue.ValueType.STRING
                ? ((JsonString) payload).getString()
                : payload.toString();
        Map<String, String> properties = new LinkedHashMap<>();
        JsonValue props = request.get("properties");
        if (props != null && props.getValueType() == JsonValue.ValueType.OBJECT) {
            props.asJsonObject()
                    .forEach((k, v) -> properties.put(
                            k,
                            v.getValueType() == JsonValue.ValueType.STRING
                                    ? ((JsonString) v).getString()
                                    : v.toString()));
        } else if (props != null && props.getValueType() != JsonValue.ValueType.NULL) {
            throw new InvalidJsonException("field 'properties' must be an object of names to values");
        }
        JsonValue ttl = request.get("ttlSeconds");
        Duration life = null;
        if (ttl != null && ttl.getValueType() != JsonValue.ValueType.NULL) {
            if (ttl.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) ttl).isIntegral()) {
                throw new InvalidJsonException("field 'ttlSeconds' must be a whole number");
            }
            try {
                life = Duration.ofSeconds(((JsonNumber) ttl).longValueExact());
            } catch (ArithmeticException e) {
                throw new InvalidJsonException("field 'ttlSeconds' must be a whole number");
            }
        }
        CloudToDeviceMessage sent = messages.send(
                DeviceId.of(deviceId),
                text,
                properties,
                life,
                security.getUserPrincipal().getName());
        return Response.accepted(sent)
                .location(URI.create("devices/" + deviceId + "/messages/" + sent.messageId()))
                .build();
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public List<CloudToDeviceMessage> list(
            @PathParam("deviceId") String deviceId,
            @QueryParam("state") String state,
            @QueryParam("limit") @DefaultValue("50") @Range(min = 1, max = 500) int limit) {
        return messages.list(DeviceId.of(deviceId), state, limit);
    }

    @GET
    @Path("{messageId}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public CloudToDeviceMessage get(@PathParam("deviceId") String deviceId, @PathParam("messageId") String messageId) {
        return messages.get(DeviceId.of(deviceId), messageId);
    }

    private static JsonObject object(String body) {
        try {
            JsonValue value = JSON.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))
                    .readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidJsonException("the body must be a JSON object {\"payload\":..., \"ttlSeconds\":...}");
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
}
