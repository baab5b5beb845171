package org.iotplatform.web.api.devices;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVPrinter;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.DeviceCredentials;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceImport;
import org.iotplatform.registry.DeviceQuery;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.registry.InvalidDeviceException;
import org.iotplatform.registry.Page;
import org.iotplatform.registry.RegisteredDevice;
import org.iotplatform.web.api.ApiJsonb;
import org.iotplatform.web.api.CarriesSecrets;
import org.iotplatform.web.api.InvalidJsonException;
import org.iotplatform.web.api.LargeBody;
import org.iotplatform.web.api.Range;
import org.iotplatform.web.api.devices.DeviceViews.DeviceChange;
import org.iotplatform.web.api.devices.DeviceViews.DevicePage;
import org.iotplatform.web.api.devices.DeviceViews.DeviceRecord;
import org.iotplatform.web.api.devices.DeviceViews.ImportResult;
import org.iotplatform.web.api.devices.DeviceViews.KeyRegeneration;
import org.iotplatform.web.api.devices.DeviceViews.NewDevice;
import org.iotplatform.web.api.devices.DeviceViews.ProvisionedDevice;

/** The device registry: provisioning, status, keys, bulk import and export. */
@Path("devices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private static final String TEXT_CSV = "text/csv";
    private static final int EXPORT_BATCH = 500;

    @Inject
    DeviceRegistry registry;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    @CarriesSecrets
    public Response create(NewDevice body) {
        if (body == null) {
            throw new BadRequestException("body required");
        }
        DeviceId id = DeviceId.of(body.deviceId());
        DeviceStatus status = body.status() == null ? DeviceStatus.ENABLED : DeviceStatus.of(body.status());
        DeviceCredentials credentials = registry.register(id, body.tags(), status, actor());
        RegisteredDevice device = registry.getRegistered(id);
        return Response.created(URI.create("devices/" + id.value()))
                .entity(ProvisionedDevice.of(device, credentials))
                .build();
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public DevicePage list(
            @QueryParam("status") String status,
            @QueryParam("connectionState") String connectionState,
            @QueryParam("tag") String tag,
            @QueryParam("q") String idContains,
            @QueryParam("page") @DefaultValue("0") @Range(min = 0, max = DeviceRegistry.MAX_PAGE) int page,
            @QueryParam("pageSize") @DefaultValue("50") @Range(min = 1, max = DeviceRegistry.MAX_PAGE_SIZE)
                    int pageSize) {
        DeviceQuery query = DeviceQuery.withTag(
                new DeviceQuery(
                        Optional.ofNullable(status).filter(s -> !s.isBlank()).map(DeviceStatus::of),
                        Optional.ofNullable(connectionState)
                                .filter(s -> !s.isBlank())
                                .map(ConnectionState::of),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.ofNullable(idContains).filter(s -> !s.isBlank())),
                tag);
        Page<RegisteredDevice> result = registry.search(query, page, pageSize);
        return new DevicePage(result.items(), result.page(), result.pageSize(), result.total());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public RegisteredDevice get(@PathParam("id") String id) {
        return registry.getRegistered(DeviceId.of(id));
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public RegisteredDevice change(@PathParam("id") String id, DeviceChange body) {
        if (body == null) {
            throw new BadRequestException("body required");
        }
        DeviceId deviceId = DeviceId.of(id);
        if (body.tags() != null) {
            registry.replaceTags(deviceId, body.tags(), actor());
        }
        if (body.status() != null) {
            registry.changeStatus(deviceId, DeviceStatus.of(body.status()), actor());
        }
        if (body.telemetryRetentionDays() != null) {
            registry.changeTelemetryRetention(
                    deviceId, Optional.of(body.telemetryRetentionDays()).filter(d -> d != 0), actor());
        }
        return registry.getRegistered(deviceId);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response delete(@PathParam("id") String id) {
        registry.delete(DeviceId.of(id), actor());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/keys/regenerate")
    @RolesAllowed(Role.ADMIN_NAME)
    @CarriesSecrets
    public ProvisionedDevice regenerateKeys(@PathParam("id") String id, KeyRegeneration body) {
        DeviceId deviceId = DeviceId.of(id);
        DeviceCredentials credentials = registry.regenerateKeys(
                deviceId, DeviceRegistry.KeySelection.of(body == null ? null : body.key()), actor());
        return ProvisionedDevice.of(registry.getRegistered(deviceId), credentials);
    }

    @GET
    @Path("{id}/keys")
    @RolesAllowed(Role.ADMIN_NAME)
    @CarriesSecrets
    public ProvisionedDevice keys(@PathParam("id") String id) {
        DeviceId deviceId = DeviceId.of(id);
        DeviceCredentials credentials = registry.credentials(deviceId, actor());
        return ProvisionedDevice.of(registry.getRegistered(deviceId), credentials);
    }

    /** One file, CSV or JSON: every device in it is registered, or none (400 lists each bad line). */
    @POST
    @Path("import")
    @Consumes({TEXT_CSV, MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.ADMIN_NAME)
    @LargeBody
    public ImportResult importDevices(@Context HttpHeaders headers, InputStream body) throws Exception {
        MediaType type = headers.getMediaType();
        List<DeviceImport.Line> lines;
        if (type != null && type.isCompatible(MediaType.valueOf(TEXT_CSV))) {
            lines = DeviceCsv.parse(new InputStreamReader(body, StandardCharsets.UTF_8));
        } else {
            lines = jsonLines(body);
        }
        if (lines.isEmpty()) {
            throw new InvalidDeviceException("the file holds no devices");
        }
        return new ImportResult(registry.importDevices(lines, actor()).imported());
    }

    private static List<DeviceImport.Line> jsonLines(InputStream body) {
        DeviceRecord[] records;
        try {
            records = ApiJsonb.jsonb().fromJson(body, DeviceRecord[].class);
        } catch (JsonbException e) {
            throw InvalidJsonException.of(e);
        }
        List<DeviceImport.Line> lines = new ArrayList<>();
        for (int i = 0; records != null && i < records.length; i++) {
            DeviceRecord r = records[i];
            lines.add(
                    r == null
                            ? new DeviceImport.Line(i + 1, null, null, null, null, null)
                            : new DeviceImport.Line(
                                    i + 1, r.deviceId(), r.status(), r.primaryKey(), r.secondaryKey(), r.tags()));
        }
        return lines;
    }

    /** Every device with its keys, streamed in batches; CSV or JSON by the Accept header. */
    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @RolesAllowed(Role.ADMIN_NAME)
    @CarriesSecrets
    public Response export(@Context HttpHeaders headers) {
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> t.isCompatible(MediaType.valueOf(TEXT_CSV)) && !t.isWildcardType());
        String actor = actor();
        StreamingOutput out = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            if (csv) {
                try (CSVPrinter printer = DeviceCsv.printer(writer)) {
                    forEachExported(d -> printer.printRecord(
                            d.deviceId(), d.status(), d.primaryKey(), d.secondaryKey(), DeviceCsv.tagsText(d.tags())));
                }
            } else {
                try (Jsonb jsonb = JsonbBuilder.create()) {
                    writer.write('[');
                    boolean[] first = {true};
                    forEachExported(d -> {
                        if (!first[0]) {
                            writer.write(',');
                        }
                        first[0] = false;
                        writer.write(jsonb.toJson(d));
                    });
                    writer.write(']');
                    writer.flush();
                } catch (java.io.IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new java.io.IOException(e);
                }
            }
        };
        registry.credentialsExported(actor);
        return Response.ok(out, csv ? TEXT_CSV : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"devices." + (csv ? "csv" : "json") + "\"")
                .build();
    }

    private interface RecordSink {
        void accept(DeviceRecord record) throws java.io.IOException;
    }

    private void forEachExported(RecordSink sink) throws java.io.IOException {
        DeviceId after = null;
        while (true) {
            List<DeviceRegistry.DeviceCredentialsAndDevice> batch = registry.exportBatch(after, EXPORT_BATCH);
            for (DeviceRegistry.DeviceCredentialsAndDevice e : batch) {
                RegisteredDevice d = e.device();
                sink.accept(new DeviceRecord(
                        d.deviceId(),
                        d.status(),
                        e.credentials().primaryKey().base64(),
                        e.credentials().secondaryKey().base64(),
                        d.tags()));
                after = e.credentials().deviceId();
            }
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
        }
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
