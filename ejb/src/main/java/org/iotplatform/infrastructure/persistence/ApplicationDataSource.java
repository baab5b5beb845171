package org.iotplatform.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import java.sql.Connection;

/**
 * Declares the application's default data source, built from configuration ({@code iot.db.url},
 * {@code iot.db.user}, {@code iot.db.password}) with the driver shipped in the EAR, so a bare Payara
 * domain needs no set-up. The persistence unit uses it unless {@code iot.datasource} names another.
 *
 * <p>An EJB with nothing to call: Payara reads {@code @DataSourceDefinition} in an EJB module only from
 * its enterprise beans.
 */
@DataSourceDefinition(
        name = ApplicationDataSource.JNDI_NAME,
        className = "org.mariadb.jdbc.MariaDbDataSource",
        url = "${MPCONFIG=iot.db.url}",
        user = "${MPCONFIG=iot.db.user}",
        password = "${MPCONFIG=iot.db.password}",
        // each statement sees what committed before it: a batch judging alerts reads the telemetry that
        // another consumer committed while it waited for the rule's lock (repeatable read would not)
        isolationLevel = Connection.TRANSACTION_READ_COMMITTED,
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=meta-data",
            "fish.payara.fail-all-connections=true"
        })
@Singleton
public class ApplicationDataSource {

    public static final String JNDI_NAME = "java:app/jdbc/iot";
}
