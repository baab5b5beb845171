package org.iotplatform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An IT department runs the EAR on a connection pool it defined itself: {@code iot.datasource}
 * names the JDBC resource, and the schema is created there. Runs last: the system property it sets
 * stays in the server's JVM.
 */
@ExtendWith(ArquillianExtension.class)
class UsingAdminDataSourceIT {

    private static final String DEPLOYMENT = "on-admin-pool";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void theApplicationRunsOnThePoolTheAdministratorDefined() throws Exception {
        String user = System.getenv("IOT_DB_USER");
        String password = System.getenv("IOT_DB_PASSWORD");
        Platform.asadmin(
                "create-jdbc-connection-pool",
                "--datasourceclassname",
                "org.mariadb.jdbc.MariaDbDataSource",
                "--restype",
                "javax.sql.DataSource",
                "--isolationlevel",
                "read-committed",
                "--property",
                "url=jdbc\\:mariadb\\://localhost\\:3306/iot_test_admin:user=" + user + ":password=" + password,
                "it-admin-pool");
        Platform.asadmin("create-jdbc-resource", "--connectionpoolid", "it-admin-pool", "jdbc/it-admin");
        Platform.asadmin("create-system-properties", "iot.datasource=jdbc/it-admin");
        try {
            deployer.deploy(DEPLOYMENT);
            HttpResponse<String> ready = Platform.get("/health/ready", null);
            assertEquals(200, ready.statusCode(), ready.body());
            String status = Platform.platformStatus();
            assertTrue(status.contains("\"catalog\":\"iot_test_admin\""), status);
            // every migration ran there too: the newest version is the number of migration files in db/
            assertTrue(status.contains("\"schemaVersion\":\"" + migrationFiles() + "\""), "migrated there: " + status);
            // the first admin was created in the administrator's database, and signs in
            assertEquals(
                    200,
                    Platform.get("/api/v1/me", Platform.basic("admin", Platform.ADMIN_PASSWORD))
                            .statusCode());
        } finally {
            deployer.undeploy(DEPLOYMENT);
            Platform.asadmin("delete-system-property", "iot.datasource");
            Platform.asadmin("delete-jdbc-resource", "jdbc/it-admin");
            Platform.asadmin("delete-jdbc-connection-pool", "it-admin-pool");
        }
    }

    private static long migrationFiles() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../db/src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .count();
        }
    }
}
