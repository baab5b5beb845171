package org.iotplatform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static void asadmin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("payara.home") + "/bin/asadmin",
                "--port", System.getProperty("iot.test.admin-port")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + args[0] + " failed: " + out);
        }
    }

    @Test
    void theApplicationRunsOnThePoolTheAdministratorDefined() throws Exception {
        String user = System.getenv("IOT_DB_USER");
        String password = System.getenv("IOT_DB_PASSWORD");
        asadmin("create-jdbc-connection-pool", "--datasourceclassname", "org.mariadb.jdbc.MariaDbDataSource",
                "--restype", "javax.sql.DataSource", "--property",
                "url=jdbc\\:mariadb\\://localhost\\:3306/iot_test_admin:user=" + user + ":password=" + password,
                "it-admin-pool");
        asadmin("create-jdbc-resource", "--connectionpoolid", "it-admin-pool", "jdbc/it-admin");
        asadmin("create-system-properties", "iot.datasource=jdbc/it-admin");
        try {
            deployer.deploy(DEPLOYMENT);
            HttpResponse<String> ready = Platform.get("/health/ready", null);
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"catalog\":\"iot_test_admin\""), ready.body());
            assertTrue(ready.body().contains("\"schemaVersion\":\"3\""), "migrated there: " + ready.body());
            // the first admin was created in the administrator's database, and signs in
            assertEquals(200, Platform.get("/api/v1/me", Platform.basic("admin", Platform.ADMIN_PASSWORD)).statusCode());
        } finally {
            deployer.undeploy(DEPLOYMENT);
            asadmin("delete-system-property", "iot.datasource");
            asadmin("delete-jdbc-resource", "jdbc/it-admin");
            asadmin("delete-jdbc-connection-pool", "it-admin-pool");
        }
    }
}
