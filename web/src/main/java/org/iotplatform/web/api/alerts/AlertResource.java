package org.iotplatform.web.api.alerts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
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
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.iotplatform.alerts.AlertState;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.Severity;
import org.iotplatform.operators.Role;
import org.iotplatform.web.api.InvalidParameterException;
import org.iotplatform.web.api.Range;

/**
 * Alerts: listed newest first with filters ({@code deviceId}, {@code state=open|acknowledged|cleared},
 * {@code severity}), read one with its history and actions; operators acknowledge, clear, comment,
 * assign, and try a given-up action again.
 */
@Path("alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    public record CommentBody(String text) {}

    /** {@code to}: an operator's username; null or empty: nobody. */
    public record AssignBody(String to) {}

    @Inject
    Alerts alerts;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public List<AlertView> list(
            @QueryParam("deviceId") String deviceId,
            @QueryParam("state") String state,
            @QueryParam("severity") String severity,
            @QueryParam("limit") @DefaultValue("500") @Range(min = 1, max = 5000) int limit) {
        return alerts.list(
                deviceId,
                state == null ? null : AlertState.of(state),
                severity == null ? null : severity(severity),
                limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public AlertView get(@PathParam("id") long id) {
        return alerts.get(id);
    }

    @POST
    @Path("{id}/ack")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public AlertView acknowledge(@PathParam("id") long id) {
        return alerts.acknowledge(id, actor());
    }

    @POST
    @Path("{id}/clear")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public AlertView clear(@PathParam("id") long id) {
        return alerts.clear(id, actor());
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public AlertView comment(@PathParam("id") long id, CommentBody body) {
        if (body == null) {
            throw new BadRequestException("body required: {\"text\":\"...\"}");
        }
        return alerts.comment(id, body.text(), actor());
    }

    @POST
    @Path("{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public AlertView assign(@PathParam("id") long id, AssignBody body) {
        if (body == null) {
            throw new BadRequestException("body required: {\"to\":\"<operator>\"} (or null for nobody)");
        }
        return alerts.assign(id, body.to(), actor());
    }

    /** Another try of an action that was given up (its attempts start again). */
    @POST
    @Path("{id}/actions/{actionId}/retry")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public AlertView retryAction(@PathParam("id") long id, @PathParam("actionId") long actionId) {
        return alerts.retryAction(id, actionId, actor());
    }

    private static Severity severity(String value) {
        for (Severity s : Severity.values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        throw new InvalidParameterException("severity must be critical, major, minor or warning");
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
