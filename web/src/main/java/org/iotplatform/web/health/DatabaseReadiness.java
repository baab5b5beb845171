package org.iotplatform.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;

/** Ready when MariaDB answers through the persistence unit; reports the provider and schema version. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseStatus database;

    @Override
    public HealthCheckResponse call() {
        try {
            DatabaseStatus.Report report = database.check();
            return HealthCheckResponse.named("database").up()
                    .withData("provider", report.provider())
                    .withData("schemaVersion", report.schemaVersion())
                    .withData("catalog", report.catalog())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
