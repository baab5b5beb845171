package org.iotplatform.infrastructure.persistence;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.SessionFactory;

/**
 * Reports on the application's database: which JPA provider serves it, which schema version it
 * is at and which database (catalog) it is.
 */
@Stateless
public class DatabaseStatus {

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
