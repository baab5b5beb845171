package org.iotplatform.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The enabled routes with their parsed conditions, held in memory so matching costs the ingest no
 * query per batch. Replaced on every change in this instance and refreshed periodically, for changes
 * made through other instances.
 */
@ApplicationScoped
public class ActiveRoutes {

    /** A route as the matcher needs it. */
    public record Route(long id, String name, RuleCondition condition) {}

    private volatile List<Route> routes;
    private volatile long loadedAtNanos;

    List<Route> current(long maxAgeNanos) {
        List<Route> r = routes;
        return r != null && System.nanoTime() - loadedAtNanos < maxAgeNanos ? r : null;
    }

    void replace(List<Route> fresh) {
        routes = List.copyOf(fresh);
        loadedAtNanos = System.nanoTime();
    }

    void invalidate() {
        routes = null;
    }
}
