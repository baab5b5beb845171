package org.iotplatform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.iotplatform.infrastructure.persistence.ApplicationDataSource;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;
import org.iotplatform.operators.OperatorAccount;
import org.iotplatform.operators.OperatorAccounts;
import org.iotplatform.operators.Password;
import org.iotplatform.operators.Role;
import org.iotplatform.operators.Username;
import org.iotplatform.registry.DeviceCredentials;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.registry.DeviceStatus;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside Payara: the services persist through Hibernate into MariaDB, on a schema Flyway made. */
@ExtendWith(ArquillianExtension.class)
class PersistenceIT {

    @Deployment
    static EnterpriseArchive deployment() {
        // The test runs inside the EAR's own web module, next to the code it exercises.
        EnterpriseArchive ear = Deployments.platformEar();
        ear.getAsType(WebArchive.class, "iot-web.war").addClass(PersistenceIT.class);
        return ear;
    }

    @Inject
    OperatorAccounts accounts;

    @Inject
    DatabaseStatus database;

    @Resource(lookup = ApplicationDataSource.JNDI_NAME)
    DataSource dataSource;

    @Test
    void accountIsStoredInMariaDbAndReadBackThroughTheService() throws Exception {
        Username name = new Username("it-" + UUID.randomUUID().toString().substring(0, 8));
        accounts.create(name, Role.OPERATOR, new Password("a-long-enough-password"), "persistence-it");

        OperatorAccount read = accounts.find(name).orElseThrow();
        assertEquals(Role.OPERATOR, read.role());
        assertTrue(read.isEnabled());
        assertTrue(accounts.authenticate(name.value(), "a-long-enough-password").isPresent());
        assertTrue(accounts.authenticate(name.value(), "wrong-password-here").isEmpty());

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select role, password_hash, (select database()) from operator_account where username = ?")) {
            s.setString(1, name.value());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "row committed to MariaDB");
                assertEquals("operator", rs.getString(1));
                assertTrue(
                        rs.getString(2).startsWith("PBKDF2WithHmacSHA256:210000:"), "password stored as PBKDF2 hash");
                assertTrue(c.getMetaData().getDatabaseProductVersion().contains("MariaDB"), "real MariaDB");
            }
        }
    }

    @Test
    void hibernateIsTheProviderAndMigrationsAreApplied() throws Exception {
        DatabaseStatus.Report report = database.check();
        assertTrue(report.provider().startsWith("Hibernate ORM 6.6"), report.provider());
        // every migration the EAR carries is applied, and the reported version is the newest of them
        org.flywaydb.core.api.MigrationInfoService info = org.flywaydb.core.Flyway.configure(
                        org.iotplatform.db.SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .info();
        assertEquals(0, info.pending().length, "nothing pending");
        assertTrue(info.applied().length >= 5, "V1..V5 at least");
        assertEquals(info.current().getVersion().getVersion(), report.schemaVersion());
    }

    @Inject
    DeviceRegistry registry;

    @Test
    void deviceKeysAreEncryptedAtRest() throws Exception {
        DeviceId id = new DeviceId("it-keys-" + UUID.randomUUID().toString().substring(0, 8));
        DeviceCredentials credentials =
                registry.register(id, Map.of("kind", "pump"), DeviceStatus.ENABLED, "persistence-it");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select primary_key_enc, secondary_key_enc from device where device_id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                for (String stored : new String[] {rs.getString(1), rs.getString(2)}) {
                    assertTrue(stored.startsWith("v1:"), stored);
                    assertFalse(stored.contains(credentials.primaryKey().base64()));
                    assertFalse(stored.contains(credentials.secondaryKey().base64()));
                }
            }
        }
        assertEquals(
                credentials.primaryKey(),
                registry.credentials(id, "persistence-it").primaryKey());
    }

    @Test
    void auditEntryIsWrittenWithTheAction() throws Exception {
        Username name = new Username("it-audit-" + UUID.randomUUID().toString().substring(0, 8));
        accounts.create(name, Role.VIEWER, new Password("another-long-password"), "persistence-it");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select actor, action from audit_entry where target = ?")) {
            s.setString(1, name.value());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("persistence-it", rs.getString(1));
                assertEquals("operator.created", rs.getString(2));
            }
        }
    }
}
