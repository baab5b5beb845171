package org.iotplatform.web.api.maintenance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.iotplatform.maintenance.DeviceTag;
import org.iotplatform.maintenance.InvalidModelException;
import org.iotplatform.maintenance.MaintenanceModels;
import org.iotplatform.maintenance.ModelDefinition;
import org.iotplatform.maintenance.ModelView;
import org.iotplatform.maintenance.TrainingSettings;
import org.iotplatform.operators.Role;

/**
 * Maintenance models: {@code {"name":"fd001","devices":{"tag":"set:fd001-train"},"metrics":["s2","s3"],
 * "failure":"last","cap":"PT125M"}}, optionally {@code "watch":{"tag":"kind:pump"}} (devices kept
 * scored), {@code "interval":"1h"} (histories read as hourly means of the rollups rather than raw
 * records: for devices whose training histories and live telemetry come at different cadences) and {@code "training":{"rounds":800,"maxDepth":5,"seeds":3,"folds":3}}. Creating one starts
 * its training ({@code 202}); admins define and retrain, every person role reads.
 */
@Path("maintenance/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MaintenanceModelResource {

    public record Devices(String tag) {}

    public record Training(Integer rounds, Integer maxDepth, Integer seeds, Integer folds) {}

    public record ModelBody(
            String name,
            Devices devices,
            Devices watch,
            List<String> metrics,
            String failure,
            String cap,
            String interval,
            Training training) {}

    @Inject
    MaintenanceModels models;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public List<ModelView> list() {
        return models.list();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public ModelView get(@PathParam("name") String name) {
        return models.view(name);
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(ModelBody body) {
        if (body == null) {
            throw new BadRequestException("body required: name, devices, metrics, cap");
        }
        ModelView model = models.define(
                new ModelDefinition(
                        body.name(),
                        tag(body.devices(), "devices"),
                        body.watch() == null ? null : tag(body.watch(), "watch"),
                        body.metrics(),
                        body.failure(),
                        duration(body.cap()),
                        ModelDefinition.interval(body.interval()),
                        settings(body.training())),
                actor());
        return Response.accepted(model)
                .location(URI.create("maintenance/models/" + model.name()))
                .build();
    }

    /** Trains a new version; the active one keeps scoring until it is ready. */
    @POST
    @Path("{name}/versions")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response retrain(@PathParam("name") String name, Training training) {
        return Response.accepted(models.retrain(name, settings(training), actor()))
                .build();
    }

    private static DeviceTag tag(Devices devices, String field) {
        if (devices == null || devices.tag() == null) {
            throw new InvalidModelException(field + " must be {\"tag\":\"name:value\"}");
        }
        return DeviceTag.parse(devices.tag());
    }

    private static Duration duration(String cap) {
        if (cap == null) {
            throw new InvalidModelException("cap is required: the longest time-to-failure a label says, e.g. PT125M");
        }
        try {
            return Duration.parse(cap);
        } catch (DateTimeParseException e) {
            throw new InvalidModelException(
                    "cap must be an ISO-8601 duration such as PT125M or P30D, not '" + cap + "'");
        }
    }

    private static TrainingSettings settings(Training t) {
        if (t == null) {
            return null;
        }
        TrainingSettings d = TrainingSettings.DEFAULTS;
        return new TrainingSettings(
                t.rounds() == null ? d.rounds() : t.rounds(),
                t.maxDepth() == null ? d.maxDepth() : t.maxDepth(),
                t.seeds() == null ? d.seeds() : t.seeds(),
                t.folds() == null ? d.folds() : t.folds());
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
