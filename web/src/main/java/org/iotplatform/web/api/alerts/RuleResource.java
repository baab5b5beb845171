package org.iotplatform.web.api.alerts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import org.iotplatform.alerts.AlertRuleDefinition;
import org.iotplatform.alerts.AlertRules;
import org.iotplatform.alerts.DeviceSelector;
import org.iotplatform.alerts.InvalidAlertRuleException;
import org.iotplatform.alerts.RuleView;
import org.iotplatform.alerts.WindowAggregate;
import org.iotplatform.operators.Role;

/**
 * Alert rules: {@code {"name":"pump hot","devices":{"tag":"kind:pump"},"condition":"temperature > 80",
 * "heldFor":"PT2M","severity":"major","actions":[{"type":"method","name":"reduceSpeed","payload":{}}]}}.
 * Admins define them; every person role reads them.
 */
@Path("rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    public record RuleBody(
            String name,
            JsonObject devices,
            String condition,
            JsonObject aggregate,
            String heldFor,
            Integer inARow,
            String severity,
            Boolean enabled,
            JsonArray actions,
            String noTelemetryFor,
            String disconnectedFor) {}

    @Inject
    AlertRules rules;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public List<RuleView> list() {
        return rules.all();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public RuleView get(@PathParam("id") long id) {
        return rules.get(id);
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(RuleBody body) {
        RuleView rule = rules.create(definition(body), actor());
        return Response.created(URI.create("rules/" + rule.id())).entity(rule).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public RuleView change(@PathParam("id") long id, RuleBody body) {
        return rules.change(id, definition(body), actor());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response delete(@PathParam("id") long id) {
        rules.delete(id, actor());
        return Response.noContent().build();
    }

    static AlertRuleDefinition definition(RuleBody body) {
        if (body == null) {
            throw new BadRequestException("body required: name, devices, condition, severity");
        }
        return AlertRuleDefinition.of(
                body.name(),
                devices(body.devices()),
                body.condition(),
                body.heldFor(),
                body.inARow(),
                body.severity(),
                body.enabled(),
                body.actions() == null ? null : body.actions().toString(),
                body.noTelemetryFor(),
                body.disconnectedFor(),
                aggregate(body.aggregate()));
    }

    private static WindowAggregate aggregate(JsonObject aggregate) {
        if (aggregate == null) {
            return null;
        }
        if (!(aggregate.get("function") instanceof JsonString function)
                || !(aggregate.get("window") instanceof JsonString window)
                || (aggregate.containsKey("mode") && !(aggregate.get("mode") instanceof JsonString))) {
            throw new InvalidAlertRuleException(
                    "aggregate is {\"function\":\"avg|min|max|count\",\"window\":\"PT5M\",\"mode\":\"sliding|tumbling\"}");
        }
        return WindowAggregate.of(
                function.getString(),
                window.getString(),
                aggregate.containsKey("mode") ? aggregate.getString("mode") : null);
    }

    private static DeviceSelector devices(JsonObject devices) {
        if (devices == null || devices.size() != 1) {
            throw new InvalidAlertRuleException(
                    "devices must be one of {\"deviceId\":\"...\"}, {\"tag\":\"name:value\"} or {\"all\":true}");
        }
        if (devices.get("deviceId") instanceof JsonString id) {
            return DeviceSelector.device(id.getString());
        }
        if (devices.get("tag") instanceof JsonString tag) {
            return DeviceSelector.tag(tag.getString());
        }
        if (JsonValue.TRUE.equals(devices.get("all"))) {
            return DeviceSelector.allDevices();
        }
        throw new InvalidAlertRuleException(
                "devices must be one of {\"deviceId\":\"...\"}, {\"tag\":\"name:value\"} or {\"all\":true}");
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
