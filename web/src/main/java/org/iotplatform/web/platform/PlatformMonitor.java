package org.iotplatform.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;
import org.iotplatform.integration.CamelRuntime;
import org.iotplatform.integration.ingress.TelemetryFlowWatch;

/**
 * Reads the platform's own state (database, Camel, the telemetry-flow watch, heap) into a
 * {@link PlatformStatus}: the one place the admin API and the dashboard get it from, so neither
 * reaches into the integration module itself.
 */
@ApplicationScoped
public class PlatformMonitor {

    @Inject
    DatabaseStatus database;

    @Inject
    CamelRuntime camel;

    @Inject
    TelemetryFlowWatch flow;

    /** Everything, for admins. */
    public PlatformStatus status() {
        return new PlatformStatus(
                database(),
                camel(),
                PlatformStatus.Flow.of(flow.status()),
                PlatformStatus.Heap.of(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()));
    }

    /** Whether MariaDB answers, and if so its provider, schema version and catalog. */
    public PlatformStatus.Database database() {
        return PlatformStatus.Database.of(database::check);
    }

    /** The Camel context and each route's state. */
    public PlatformStatus.Camel camel() {
        return PlatformStatus.Camel.of(camel.status());
    }
}
