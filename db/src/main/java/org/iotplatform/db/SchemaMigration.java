package org.iotplatform.db;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Applies the Flyway migrations while Hibernate boots the persistence unit.
 *
 * <p>Payara builds the persistence unit before any startup bean runs, so schema validation would
 * see an empty database; an {@link Integrator} is the one hook that runs earlier than validation
 * and has the container's data source at hand.
 */
public class SchemaMigration implements Integrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    /** Where the versioned SQL lives, inside this module's jar. */
    public static final String LOCATION = "classpath:db/migration";

    @Override
    public void integrate(
            Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory
                .getServiceRegistry()
                .getService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        migrate(dataSource);
    }

    /** Brings the schema behind {@code dataSource} to the newest version. */
    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        return result;
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to release
    }
}
