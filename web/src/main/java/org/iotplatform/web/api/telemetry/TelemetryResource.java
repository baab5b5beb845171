package org.iotplatform.web.api.telemetry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.registry.InvalidDeviceException;
import org.iotplatform.telemetry.HistoryImport;
import org.iotplatform.telemetry.HistoryLine;
import org.iotplatform.telemetry.HistoryReport;
import org.iotplatform.telemetry.Interval;
import org.iotplatform.telemetry.TelemetryHistory;
import org.iotplatform.web.api.LargeBody;
import org.iotplatform.web.api.Range;

/** A device's telemetry history, as JSON or streamed CSV. */
// The full path keeps /devices/{id} itself with DeviceResource (JAX-RS does not backtrack).
@Path("devices/{id}/telemetry")
@RequestScoped
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class TelemetryResource {

    private static final String TEXT_CSV = "text/csv";

    @Inject
    TelemetryHistory history;

    @Inject
    DeviceRegistry registry;

    @Inject
    HistoryImport historyImport;

    @Inject
    Clock clock;

    /**
     * Imports recorded history (CSV {@code ts,<metric>,...} or a JSON array of messages): what was
     * stored, what was there already, and the refused lines by number. Admins and operators.
     */
    @POST
    @Consumes({TEXT_CSV, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    @LargeBody
    public HistoryReport importHistory(
            @PathParam("id") String id,
            @Context HttpHeaders headers,
            @Context SecurityContext security,
            InputStream body)
            throws IOException {
        DeviceId device = DeviceId.of(id);
        registry.get(device); // 404 for a device that does not exist
        MediaType type = headers.getMediaType();
        List<HistoryLine> lines = type != null && type.isCompatible(MediaType.valueOf(TEXT_CSV))
                ? HistoryFile.csv(new InputStreamReader(body, StandardCharsets.UTF_8))
                : HistoryFile.json(body);
        return historyImport.load(device, lines, security.getUserPrincipal().getName());
    }

    /**
     * Rows {@code {ts, metric, value}} in [from, to), oldest first; default the last 24 hours. With
     * {@code interval} (1m, 1h, 1d) rows {@code {ts, metric, count, min, max, avg}} from the rollups.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    public Response telemetry(
            @PathParam("id") String id,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("metric") String metric,
            @QueryParam("interval") String interval,
            @QueryParam("limit") @DefaultValue("100000") @Range(min = 1, max = TelemetryHistory.MAX_ROWS) int limit,
            @Context HttpHeaders headers) {
        DeviceId device = DeviceId.of(id);
        registry.get(device); // 404 for a device that does not exist, not an empty list
        Instant end = time(to, "to").orElseGet(clock::instant);
        Instant start = time(from, "from").orElse(end.minus(Duration.ofHours(24)));
        Optional<String> oneMetric = Optional.ofNullable(metric).filter(m -> !m.isBlank());
        Optional<Interval> rollup =
                Optional.ofNullable(interval).filter(i -> !i.isBlank()).map(Interval::of);
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> !t.isWildcardType() && t.isCompatible(MediaType.valueOf(TEXT_CSV)));
        Rows rows = new Rows(
                csv,
                rollup.isPresent()
                        ? new String[] {"ts", "metric", "count", "min", "max", "avg"}
                        : new String[] {"ts", "metric", "value"});
        StreamingOutput body = output -> rows.write(output, sink -> {
            if (rollup.isPresent()) {
                history.aggregates(
                        device,
                        start,
                        end,
                        oneMetric,
                        rollup.get(),
                        limit,
                        a -> sink.accept(new Object[] {a.bucket(), a.metric(), a.count(), a.min(), a.max(), a.avg()}));
            } else {
                history.values(
                        device,
                        start,
                        end,
                        oneMetric,
                        limit,
                        p -> sink.accept(new Object[] {p.ts(), p.metric(), p.value()}));
            }
        });
        return Response.ok(body, csv ? TEXT_CSV : MediaType.APPLICATION_JSON).build();
    }

    /** Writes rows as they come, as CSV or as a JSON array of objects; never holds them all. */
    private record Rows(boolean csv, String[] columns) {

        void write(java.io.OutputStream output, Consumer<Consumer<Object[]>> source) throws IOException {
            Writer w = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            boolean[] first = {true};
            w.write(csv ? String.join(",", columns) + "\n" : "[");
            try {
                source.accept(row -> {
                    try {
                        w.write(csv ? csvLine(row) : (first[0] ? "" : ",") + jsonObject(row));
                        first[0] = false;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (!csv) {
                w.write("]");
            }
            w.flush();
        }

        private String csvLine(Object[] row) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : ",").append(row[i]);
            }
            return line.append('\n').toString();
        }

        private String jsonObject(Object[] row) {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < row.length; i++) {
                boolean text = row[i] instanceof String || row[i] instanceof Instant;
                // metric names are restricted to [A-Za-z0-9_.-]: nothing to escape
                json.append(i == 0 ? "" : ",")
                        .append('"')
                        .append(columns[i])
                        .append("\":")
                        .append(text ? "\"" + row[i] + "\"" : String.valueOf(row[i]));
            }
            return json.append('}').toString();
        }
    }

    static Optional<Instant> time(String text, String name) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidDeviceException(name + " must be an ISO-8601 UTC time, e.g. 2026-11-26T10:00:00Z");
        }
    }
}
