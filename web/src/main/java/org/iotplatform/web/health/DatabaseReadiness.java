package org.iotplatform.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;

/**
 * Ready when MariaDB answers through the persistence unit. Provider, schema version and catalog are
 * for admins ({@code GET /api/v1/platform/status}), not in this anonymous answer.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseStatus database;

    @Override
    public HealthCheckResponse call() {
        try {
            database.check();
            return HealthCheckResponse.up("database");
        } catch (RuntimeException e) {
            return HealthCheckResponse.down("database");
        }
    }
}
