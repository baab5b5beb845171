package org.iotplatform.web.api.telemetry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.iotplatform.operators.Role;
import org.iotplatform.telemetry.IngestStats;
import org.iotplatform.telemetry.TelemetryHistory;

/**
 * Throughput and latency of the telemetry ingest over a range of storage time (default the last
 * minute): what the benchmark reads, and what an operator checks when data seems late.
 */
@Path("telemetry/ingest-stats")
@RequestScoped
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
public class IngestStatsResource {

    @Inject
    TelemetryHistory history;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public IngestStats stats(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("devicePrefix") String devicePrefix) {
        Instant end = TelemetryResource.time(to, "to").orElseGet(clock::instant);
        Instant start = TelemetryResource.time(from, "from").orElse(end.minus(Duration.ofMinutes(1)));
        return history.ingestStats(start, end, Optional.ofNullable(devicePrefix).filter(p -> !p.isBlank()));
    }
}
