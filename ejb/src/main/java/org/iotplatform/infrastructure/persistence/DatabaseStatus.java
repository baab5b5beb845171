package org.iotplatform.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.SessionFactory;

/**
 * Reports on the application's database: which JPA provider serves it, which schema version it
 * is at and which database (catalog) it is.
 *
 * <p>It also defines the default data source, built from configuration ({@code iot.db.url},
 * {@code iot.db.user}, {@code iot.db.password}) with the driver shipped in the EAR, so a bare
 * Payara domain needs no set-up.
 */
@DataSourceDefinition(
        name = DatabaseStatus.DATA_SOURCE,
        className = "org.mariadb.jdbc.MariaDbDataSource",
        url = "${MPCONFIG=iot.db.url}",
        user = "${MPCONFIG=iot.db.user}",
        password = "${MPCONFIG=iot.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=meta-data",
            "fish.payara.fail-all-connections=true"
        })
@Stateless
public class DatabaseStatus {

    public static final String DATA_SOURCE = "java:app/jdbc/iot";

    /** What the database looks like to the application right now. */
    public record Report(String provider, String schemaVersion, String catalog) {}

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    public Report check() {
        SessionFactory sessionFactory = em.getEntityManagerFactory().unwrap(SessionFactory.class);
        String provider =
                sessionFactory == null ? "unknown" : "Hibernate ORM " + org.hibernate.Version.getVersionString();
        Object version = em.createNativeQuery(
                        "select version from flyway_schema_history where success = 1 and version is not null "
                                + "order by installed_rank desc limit 1")
                .getSingleResult();
        Object catalog = em.createNativeQuery("select database()").getSingleResult();
        return new Report(provider, String.valueOf(version), String.valueOf(catalog));
    }
}
