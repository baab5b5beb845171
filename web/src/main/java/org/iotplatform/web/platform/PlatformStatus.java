package org.iotplatform.web.platform;

import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;
import org.iotplatform.integration.CamelRuntime;
import org.iotplatform.telemetry.TelemetryFlow;

/**
 * The platform's own state: what {@code GET /api/v1/platform/status} shows admins (the details the
 * anonymous health checks leave out) and what the overview's platform cards show. Each part says UP or
 * DOWN as its health check does.
 */
public record PlatformStatus(Database database, Camel camel, Flow telemetryFlow, Heap heap) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    /** @param error why the database did not answer; then the other details are absent */
    public record Database(String status, String provider, String schemaVersion, String catalog, String error) {

        static Database of(Supplier<DatabaseStatus.Report> check) {
            try {
                DatabaseStatus.Report r = check.get();
                return new Database(UP, r.provider(), r.schemaVersion(), r.catalog(), null);
            } catch (RuntimeException e) {
                return new Database(DOWN, null, null, null, reason(e));
            }
        }

        /** The innermost cause: the outer ones are EJB and JPA wrappers that say nothing. */
        private static String reason(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getMessage() == null
                    ? root.getClass().getSimpleName()
                    : root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    /** @param routes each route's id and state ("Started", "Stopped", ...), in Camel's order */
    public record Camel(String status, String context, Map<String, String> routes) {

        static Camel of(CamelRuntime.Status s) {
            Map<String, String> routes = new LinkedHashMap<>();
            s.routes().forEach(r -> routes.put(r.id(), r.status()));
            return new Camel(s.started() ? UP : DOWN, s.context(), routes);
        }
    }

    /** The telemetry-flow watch: whether probes sent through the gateway reach storage. */
    public record Flow(String status, String state, String reason, Instant lastProbeArrived, Instant stalledSince) {

        static Flow of(Optional<TelemetryFlow.Status> watched) {
            if (watched.isEmpty()) {
                return new Flow(UP, "not watched (no ingress configured)", null, null, null);
            }
            TelemetryFlow.Status s = watched.get();
            return new Flow(s.stalled() ? DOWN : UP, s.state().name(), s.reason(), s.lastArrival(), s.stalledSince());
        }
    }

    /** @param maxMiB null when the JVM sets no limit */
    public record Heap(long usedMiB, long committedMiB, Long maxMiB) {

        static Heap of(MemoryUsage heap) {
            return new Heap(
                    mib(heap.getUsed()), mib(heap.getCommitted()), heap.getMax() < 0 ? null : mib(heap.getMax()));
        }

        private static long mib(long bytes) {
            return bytes / (1024 * 1024);
        }
    }
}
