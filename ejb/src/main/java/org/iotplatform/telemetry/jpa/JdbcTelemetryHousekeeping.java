package org.iotplatform.telemetry.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.Interval;
import org.iotplatform.telemetry.TelemetryHousekeeping;

/**
 * MariaDB upkeep on connections of their own in auto-commit mode (call it outside a transaction):
 * partition DDL commits implicitly anyway, and each bounded DELETE should commit on its own.
 * Partitions are named for the day they hold ({@code p20261126}); {@code p_future} always stays last.
 */
@ApplicationScoped
public class JdbcTelemetryHousekeeping implements TelemetryHousekeeping {

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    private static final int CHUNK = 10_000;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'p'yyyyMMdd");

    @PersistenceUnit(unitName = "iot")
    EntityManagerFactory emf;

    private record Partition(String name, LocalDate bound) {}

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        // the persistence unit's own data source, whichever it is (the EAR's or an admin-defined pool)
        DataSource ds = emf.unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry()
                .getService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("telemetry housekeeping failed: " + e.getMessage(), e);
        }
    }

    private static List<Partition> partitions(Connection c) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select partition_name, partition_description"
                        + " from information_schema.partitions where table_schema = database() and table_name = 'telemetry_value'"
                        + " order by partition_ordinal_position");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String bound = rs.getString(2).replace("'", "");
                partitions.add(new Partition(
                        rs.getString(1), "MAXVALUE".equals(bound) ? null : LocalDate.parse(bound.substring(0, 10))));
            }
        }
        return partitions;
    }

    @Override
    public List<String> ensureDailyPartitions(LocalDate today, LocalDate lastDay) {
        return withConnection(c -> {
            LocalDate covered = partitions(c).stream()
                    .map(Partition::bound)
                    .filter(b -> b != null)
                    .max(LocalDate::compareTo)
                    .orElse(today);
            LocalDate end = lastDay.plusDays(1);
            if (!covered.isBefore(end)) {
                return List.of();
            }
            List<String> created = new ArrayList<>();
            StringBuilder sql = new StringBuilder("alter table telemetry_value reorganize partition p_future into (");
            if (covered.isBefore(today)) {
                // the days since the last partition (data in p_future so far) share one partition
                created.add("p_upto_" + today.minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
                sql.append("partition ")
                        .append(created.get(0))
                        .append(" values less than ('")
                        .append(today)
                        .append("'), ");
                covered = today;
            }
            for (LocalDate day = covered; day.isBefore(end); day = day.plusDays(1)) {
                String name = day.format(NAME);
                created.add(name);
                sql.append("partition ")
                        .append(name)
                        .append(" values less than ('")
                        .append(day.plusDays(1))
                        .append("'), ");
            }
            sql.append("partition p_future values less than (maxvalue))");
            try (PreparedStatement ddl = c.prepareStatement(sql.toString())) {
                ddl.execute();
            }
            return created;
        });
    }

    @Override
    public List<String> dropPartitionsBefore(LocalDate day) {
        return withConnection(c -> {
            List<String> old = partitions(c).stream()
                    .filter(p -> p.bound() != null && !p.bound().isAfter(day))
                    .map(Partition::name)
                    .toList();
            if (!old.isEmpty()) {
                try (PreparedStatement ddl =
                        c.prepareStatement("alter table telemetry_value drop partition " + String.join(", ", old))) {
                    ddl.execute();
                }
            }
            return old;
        });
    }

    @Override
    public Set<DeviceId> devicesWithTelemetry() {
        return withConnection(c -> {
            Set<DeviceId> devices = new HashSet<>();
            try (PreparedStatement q = c.prepareStatement("select distinct device_id from device_metric");
                    ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    devices.add(DeviceId.of(rs.getString(1)));
                }
            }
            return devices;
        });
    }

    @Override
    public long deleteValues(DeviceId device, Instant before) {
        return withConnection(c -> {
            List<String> metrics = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select metric from device_metric where device_id = ?")) {
                q.setString(1, device.value());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        metrics.add(rs.getString(1));
                    }
                }
            }
            long deleted = 0;
            for (String metric : metrics) {
                // by the full key prefix (device, metric, ts): a range, never a scan
                deleted += chunked(
                        c,
                        "delete from telemetry_value where device_id = ? and metric = ? and ts < ? limit " + CHUNK,
                        device.value(),
                        metric,
                        Timestamp.from(before));
            }
            return deleted;
        });
    }

    @Override
    public long deleteMessages(Instant storedBefore) {
        return withConnection(c -> chunked(
                c, "delete from telemetry_message where stored_at < ? limit " + CHUNK, Timestamp.from(storedBefore)));
    }

    @Override
    public long deleteRollups(Interval interval, Instant before) {
        return withConnection(c -> chunked(
                c,
                "delete from telemetry_rollup where period = ? and bucket < ? limit " + CHUNK,
                interval.code(),
                Timestamp.from(before)));
    }

    @Override
    public long deleteRejected(Instant receivedBefore) {
        return withConnection(c -> chunked(
                c,
                "delete from rejected_message where received_at < ? limit " + CHUNK,
                Timestamp.from(receivedBefore)));
    }

    private static long chunked(Connection c, String sql, Object... parameters) throws SQLException {
        long total = 0;
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Timestamp t) {
                    delete.setTimestamp(i + 1, t, UTC);
                } else {
                    delete.setObject(i + 1, parameters[i]);
                }
            }
            int n;
            do {
                n = delete.executeUpdate();
                total += n;
            } while (n == CHUNK);
        }
        return total;
    }
}
