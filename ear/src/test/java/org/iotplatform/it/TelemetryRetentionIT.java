package org.iotplatform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.iotplatform.infrastructure.persistence.ApplicationDataSource;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.telemetry.TelemetryRetention;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention inside Payara against MariaDB: old data is written straight into the tables (the ingest
 * refuses data that old), the retention run is started, and exactly what is past its time is gone:
 * per-device settings shorter and longer than the global 30 days, a whole partition dropped, rollups
 * and refused messages by their own periods, and the coming days' partitions created.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryRetentionIT {

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = Deployments.platformEar();
        ear.getAsType(WebArchive.class, "iot-web.war").addClass(TelemetryRetentionIT.class);
        return ear;
    }

    @Inject
    TelemetryRetention retention;

    @Inject
    DeviceRegistry registry;

    @Resource(lookup = ApplicationDataSource.JNDI_NAME)
    DataSource dataSource;

    @Test
    void dropsWhatIsPastItsTimeAndNothingElse() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        DeviceId global = device("ret-global-" + run, Optional.empty());
        DeviceId shorter = device("ret-short-" + run, Optional.of(10));
        DeviceId longer = device("ret-long-" + run, Optional.of(60));
        Instant ancient = Instant.parse("2025-12-01T12:00:00Z"); // in p_history, older than any retention
        try (Connection c = dataSource.getConnection()) {
            for (DeviceId d : List.of(global, shorter, longer)) {
                for (int days : new int[] {40, 20, 1}) {
                    value(c, d, now.minus(Duration.ofDays(days)));
                }
                exec(
                        c,
                        "insert into device_metric (device_id, metric, first_seen) values (?, 'level', ?)",
                        d.value(),
                        ts(now));
            }
            value(c, global, ancient);
            message(c, global, "old", now.minus(Duration.ofDays(70)));
            message(c, global, "new", now.minus(Duration.ofDays(1)));
            rollup(c, global, "1m", now.minus(Duration.ofDays(100)));
            rollup(c, global, "1m", now.minus(Duration.ofDays(50)));
            rollup(c, global, "1h", now.minus(Duration.ofDays(800)));
            rollup(c, global, "1h", now.minus(Duration.ofDays(100)));
            rollup(c, global, "1d", now.minus(Duration.ofDays(1000)));
            rejected(c, global, "old", now.minus(Duration.ofDays(40)));
            rejected(c, global, "new", now.minus(Duration.ofDays(1)));
        }

        TelemetryRetention.Report report = retention.runNow();

        try (Connection c = dataSource.getConnection()) {
            assertEquals(List.of(20L, 1L), ages(c, global, now), "global 30 days: " + report);
            assertEquals(List.of(1L), ages(c, shorter, now), "own 10 days");
            assertEquals(List.of(40L, 20L, 1L), ages(c, longer, now), "own 60 days");
            assertEquals(
                    0,
                    count(
                            c,
                            "select count(*) from telemetry_value where device_id = ? and ts < '2026-01-01'",
                            global.value()));

            List<String> partitions = partitions(c);
            // dropped by this run or by the scheduled one that ran after deployment
            assertFalse(
                    partitions.contains("p_history"),
                    "the partition older than every retention is dropped: " + partitions);
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            for (int ahead = 0; ahead <= 3; ahead++) {
                String name = today.plusDays(ahead).format(DateTimeFormatter.ofPattern("'p'yyyyMMdd"));
                assertTrue(partitions.contains(name), name + " in " + partitions);
            }
            assertEquals("p_future", partitions.get(partitions.size() - 1));

            assertEquals(
                    List.of("new"),
                    strings(c, "select message_id from telemetry_message where device_id = ?", global.value()),
                    "message records go with the longest retention (60 days)");
            assertEquals(
                    List.of("1d|1000", "1h|100", "1m|50"),
                    strings(
                            c,
                            "select concat(period, '|', datediff(utc_timestamp(), bucket)) from telemetry_rollup where device_id = ? order by period",
                            global.value()),
                    "minute rollups 90 days, hour rollups 2 years, day rollups for ever");
            assertEquals(
                    List.of("new"),
                    strings(c, "select message_id from rejected_message where device_id = ?", global.value()));
        }
        // a second run has nothing left to do
        TelemetryRetention.Report again = retention.runNow();
        assertTrue(
                again.partitionsCreated().isEmpty() && again.partitionsDropped().isEmpty(), again.toString());
    }

    private DeviceId device(String id, Optional<Integer> days) {
        DeviceId d = DeviceId.of(id);
        registry.register(d, Map.of(), DeviceStatus.ENABLED, "retention-it");
        if (days.isPresent()) {
            registry.changeTelemetryRetention(d, days, "retention-it");
        }
        return d;
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }

    private static void value(Connection c, DeviceId d, Instant at) throws SQLException {
        exec(
                c,
                "insert into telemetry_value (device_id, metric, ts, message_id, value) values (?, 'level', ?, ?, 1)",
                d.value(),
                ts(at),
                "m-" + at.toEpochMilli());
    }

    private static void message(Connection c, DeviceId d, String id, Instant storedAt) throws SQLException {
        exec(
                c,
                "insert into telemetry_message (device_id, message_id, ts, received_at, stored_at) values (?, ?, ?, ?, ?)",
                d.value(),
                id,
                ts(storedAt),
                ts(storedAt),
                ts(storedAt));
    }

    private static void rollup(Connection c, DeviceId d, String period, Instant bucket) throws SQLException {
        exec(
                c,
                "insert into telemetry_rollup (device_id, metric, period, bucket, samples, total, min_value, max_value)"
                        + " values (?, 'level', ?, ?, 1, 1, 1, 1)",
                d.value(),
                period,
                ts(bucket.truncatedTo(ChronoUnit.DAYS)));
    }

    private static void rejected(Connection c, DeviceId d, String id, Instant at) throws SQLException {
        exec(
                c,
                "insert into rejected_message (device_id, message_id, received_at, reason, payload_size) values (?, ?, ?, 'test', 0)",
                d.value(),
                id,
                ts(at));
    }

    private static void exec(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Timestamp t) {
                s.setTimestamp(i + 1, t, UTC);
            } else {
                s.setObject(i + 1, parameters[i]);
            }
        }
    }

    /** Ages in whole days of the device's stored values, oldest first. */
    private static List<Long> ages(Connection c, DeviceId d, Instant now) throws SQLException {
        List<Long> ages = new ArrayList<>();
        try (PreparedStatement q =
                c.prepareStatement("select ts from telemetry_value where device_id = ? order by ts")) {
            q.setString(1, d.value());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ages.add(Duration.between(rs.getTimestamp(1, UTC).toInstant(), now)
                            .toDays());
                }
            }
        }
        return ages;
    }

    private static List<String> strings(Connection c, String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, parameters);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static long count(Connection c, String sql, Object... parameters) throws SQLException {
        return Long.parseLong(strings(c, sql, parameters).get(0));
    }

    private static List<String> partitions(Connection c) throws SQLException {
        return strings(
                c,
                "select partition_name from information_schema.partitions where table_schema = database()"
                        + " and table_name = 'telemetry_value' order by partition_ordinal_position");
    }
}
