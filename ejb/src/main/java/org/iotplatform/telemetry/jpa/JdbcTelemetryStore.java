package org.iotplatform.telemetry.jpa;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.iotplatform.infrastructure.transaction.AfterCommit;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.IngestStats;
import org.iotplatform.telemetry.Interval;
import org.iotplatform.telemetry.RejectedMessage;
import org.iotplatform.telemetry.TelemetryAggregate;
import org.iotplatform.telemetry.TelemetryMessage;
import org.iotplatform.telemetry.TelemetryPoint;
import org.iotplatform.telemetry.TelemetryStore;

/**
 * Telemetry in MariaDB through plain JDBC batches on the persistence unit's connection (same JTA
 * transaction): time series rows are not worth an entity each. Times are stored as UTC.
 */
@ApplicationScoped
public class JdbcTelemetryStore implements TelemetryStore {

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    /** Pairs per existence query: keeps the statement well inside MariaDB's range optimiser limits. */
    private static final int LOOKUP_CHUNK = 500;

    private static final int ROWS_PER_INSERT = 1000;
    private static final int KNOWN_METRICS_LIMIT = 1_000_000;

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** (device, metric) pairs known to be in device_metric, so the catalogue costs no write per message. */
    private final Set<String> knownMetrics = ConcurrentHashMap.newKeySet();

    @Override
    public List<TelemetryMessage> storeNew(List<TelemetryMessage> messages) {
        Map<String, TelemetryMessage> unique = new LinkedHashMap<>();
        for (TelemetryMessage m : messages) {
            unique.putIfAbsent(key(m.deviceId().value(), m.messageId()), m);
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            removeStored(c, unique);
            List<TelemetryMessage> fresh = new ArrayList<>(unique.values());
            if (fresh.isEmpty()) {
                return fresh;
            }
            List<Object[]> claims = new ArrayList<>(fresh.size());
            List<Object[]> values = new ArrayList<>(fresh.size() * 4);
            for (TelemetryMessage m : fresh) {
                Timestamp ts = Timestamp.from(m.timestamp());
                claims.add(new Object[] {m.deviceId().value(), m.messageId(), ts, Timestamp.from(m.receivedAt())});
                for (Map.Entry<String, Double> v : m.values().entrySet()) {
                    values.add(new Object[] {m.deviceId().value(), v.getKey(), ts, m.messageId(), v.getValue()});
                }
            }
            insertRows(
                    c,
                    "insert into telemetry_message (device_id, message_id, ts, received_at, stored_at) values ",
                    "(?, ?, ?, ?, utc_timestamp(3))",
                    claims);
            insertRows(
                    c,
                    "insert into telemetry_value (device_id, metric, ts, message_id, value) values ",
                    "(?, ?, ?, ?, ?)",
                    values);
            catalogue(c, fresh);
            return fresh;
        });
    }

    /**
     * Multi-row INSERTs, {@value #ROWS_PER_INSERT} rows each: the server parses one statement per chunk
     * instead of one per row (measured: most of MariaDB's CPU per message went to statement handling).
     */
    private static void insertRows(Connection c, String insert, String row, List<Object[]> rows) throws SQLException {
        insertRows(c, insert, row, rows, "");
    }

    private static void insertRows(Connection c, String insert, String row, List<Object[]> rows, String suffix)
            throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder(insert.length() + chunk.size() * (row.length() + 1)).append(insert);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ",").append(row);
            }
            try (PreparedStatement statement =
                    c.prepareStatement(sql.append(suffix).toString())) {
                int p = 1;
                for (Object[] r : chunk) {
                    for (Object value : r) {
                        if (value instanceof Timestamp t) {
                            statement.setTimestamp(p++, t, UTC);
                        } else {
                            statement.setObject(p++, value);
                        }
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    /** Drops from {@code unique} the messages already in telemetry_message. */
    private static void removeStored(Connection c, Map<String, TelemetryMessage> unique) throws SQLException {
        List<TelemetryMessage> all = new ArrayList<>(unique.values());
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<TelemetryMessage> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            StringBuilder sql = new StringBuilder("select device_id, message_id from telemetry_message where ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " or ").append("(device_id = ? and message_id = ?)");
            }
            try (PreparedStatement q = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (TelemetryMessage m : chunk) {
                    q.setString(p++, m.deviceId().value());
                    q.setString(p++, m.messageId());
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        unique.remove(key(rs.getString(1), rs.getString(2))); // seen before: a redelivery
                    }
                }
            }
        }
    }

    private void catalogue(Connection c, List<TelemetryMessage> fresh) throws SQLException {
        Set<String> unknown = new HashSet<>();
        for (TelemetryMessage m : fresh) {
            for (String metric : m.values().keySet()) {
                String k = key(m.deviceId().value(), metric);
                if (!knownMetrics.contains(k)) {
                    unknown.add(k);
                }
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "insert ignore into device_metric (device_id, metric, first_seen) values (?, ?, utc_timestamp(3))")) {
            for (String k : unknown) {
                int split = k.indexOf('\n');
                insert.setString(1, k.substring(0, split));
                insert.setString(2, k.substring(split + 1));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // remembered only once committed: a rolled-back batch must write its catalogue rows again
        AfterCommit.run(transactions, () -> {
            if (knownMetrics.size() > KNOWN_METRICS_LIMIT) {
                knownMetrics.clear();
            }
            knownMetrics.addAll(unknown);
        });
    }

    private static String key(String device, String id) {
        return device + '\n' + id;
    }

    @Override
    public void reject(RejectedMessage rejected) {
        em.persist(rejected);
    }

    @Override
    public void erase(DeviceId device) {
        // every table keyed by device first: each delete is a range of its primary key or index
        em.unwrap(Session.class).doWork(c -> {
            for (String table : List.of(
                    "telemetry_value", "telemetry_message", "telemetry_rollup", "device_metric", "rejected_message")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE device_id = ?")) {
                    s.setString(1, device.value());
                    s.executeUpdate();
                }
            }
        });
        knownMetrics.removeIf(k -> k.startsWith(key(device.value(), "")));
    }

    @Override
    public void history(
            DeviceId device,
            Instant from,
            Instant to,
            Optional<String> metric,
            int limit,
            Consumer<TelemetryPoint> sink) {
        em.unwrap(Session.class).doWork(c -> {
            String sql = "select ts, metric, value from telemetry_value where device_id = ? and ts >= ? and ts < ?"
                    + (metric.isPresent() ? " and metric = ?" : "") + " order by ts, metric limit ?";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                q.setString(i++, device.value());
                q.setTimestamp(i++, Timestamp.from(from), UTC);
                q.setTimestamp(i++, Timestamp.from(to), UTC);
                if (metric.isPresent()) {
                    q.setString(i++, metric.get());
                }
                q.setInt(i, limit);
                q.setFetchSize(1000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new TelemetryPoint(
                                rs.getTimestamp(1, UTC).toInstant(), rs.getString(2), rs.getDouble(3)));
                    }
                }
            }
        });
    }

    @Override
    public void aggregates(
            DeviceId device,
            Instant from,
            Instant to,
            Optional<String> metric,
            Interval interval,
            int limit,
            Consumer<TelemetryAggregate> sink) {
        em.unwrap(Session.class).doWork(c -> {
            String sql = "select bucket, metric, samples, min_value, max_value, total from telemetry_rollup"
                    + " where device_id = ? and period = ? and bucket >= ? and bucket < ?"
                    + (metric.isPresent() ? " and metric = ?" : "") + " order by bucket, metric limit ?";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                q.setString(i++, device.value());
                q.setString(i++, interval.code());
                q.setTimestamp(i++, Timestamp.from(from), UTC);
                q.setTimestamp(i++, Timestamp.from(to), UTC);
                if (metric.isPresent()) {
                    q.setString(i++, metric.get());
                }
                q.setInt(i, limit);
                q.setFetchSize(1000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        sink.accept(new TelemetryAggregate(
                                rs.getTimestamp(1, UTC).toInstant(),
                                rs.getString(2),
                                n,
                                rs.getDouble(4),
                                rs.getDouble(5),
                                rs.getDouble(6) / n));
                    }
                }
            }
        });
    }

    @Override
    public List<TelemetryPoint> latest(DeviceId device) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            // per metric, the newest row by the (device, metric, ts) key: one index dive each
            String sql = "select v.ts, v.metric, v.value from device_metric m"
                    + " join telemetry_value v on v.device_id = m.device_id and v.metric = m.metric"
                    + " and v.ts = (select max(x.ts) from telemetry_value x where x.device_id = m.device_id and x.metric = m.metric)"
                    + " where m.device_id = ? order by v.metric, v.message_id desc";
            List<TelemetryPoint> latest = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, device.value());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        TelemetryPoint p = new TelemetryPoint(
                                rs.getTimestamp(1, UTC).toInstant(), rs.getString(2), rs.getDouble(3));
                        if (latest.isEmpty()
                                || !latest.get(latest.size() - 1).metric().equals(p.metric())) {
                            latest.add(p); // two messages with the same ts: keep one
                        }
                    }
                }
            }
            return latest;
        });
    }

    @Override
    public List<String> metrics(DeviceId device) {
        return em.createNativeQuery(
                        "select metric from device_metric where device_id = ? order by metric", String.class)
                .setParameter(1, device.value())
                .getResultList();
    }

    @Override
    public long rollUp(java.time.Duration overlap) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Timestamp since;
            Timestamp until;
            try (PreparedStatement lock = c.prepareStatement(
                            "select cursor_at, utc_timestamp(3) from telemetry_job where name = 'rollup' for update skip locked");
                    ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    return -1L;
                }
                since = Timestamp.valueOf(rs.getTimestamp(1).toLocalDateTime().minus(overlap));
                until = rs.getTimestamp(2);
            }
            long messages;
            try (PreparedStatement count = c.prepareStatement(
                    "select count(*) from telemetry_message where stored_at >= ? and stored_at < ?")) {
                count.setTimestamp(1, since);
                count.setTimestamp(2, until);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    messages = rs.getLong(1);
                }
            }
            if (messages > 0) {
                rollUpLevel(c, "1m", "%Y-%m-%d %H:%i:00", "minute", null, since, until);
                rollUpLevel(c, "1h", "%Y-%m-%d %H:00:00", "hour", "1m", since, until);
                rollUpLevel(c, "1d", "%Y-%m-%d 00:00:00", "day", "1h", since, until);
            }
            try (PreparedStatement advance =
                    c.prepareStatement("update telemetry_job set cursor_at = ? where name = 'rollup'")) {
                advance.setTimestamp(1, until);
                advance.executeUpdate();
            }
            return messages;
        });
    }

    /**
     * Recomputes the {@code period} buckets touched by messages stored in [since, until), from the
     * values ({@code below} null) or from the rollups of the period below. Reads go by full keys
     * (device, metric, time), with the metrics from the catalogue. The read is a plain (snapshot)
     * SELECT and the rows are written after it: an INSERT ... SELECT would lock the values it reads
     * and stall the ingest writing next to them (measured: seconds of added latency).
     */
    private static void rollUpLevel(
            Connection c,
            String period,
            String bucketFormat,
            String unit,
            String below,
            Timestamp since,
            Timestamp until)
            throws SQLException {
        String source = below == null
                ? "join telemetry_value v on v.device_id = m.device_id and v.metric = m.metric"
                        + " and v.ts >= t.bucket and v.ts < t.bucket + interval 1 " + unit
                : "join telemetry_rollup v on v.device_id = m.device_id and v.metric = m.metric and v.period = '"
                        + below + "'" + " and v.bucket >= t.bucket and v.bucket < t.bucket + interval 1 " + unit;
        String aggregates = below == null
                ? "count(*), sum(v.value), min(v.value), max(v.value)"
                : "sum(v.samples), sum(v.total), min(v.min_value), max(v.max_value)";
        String select = "select m.device_id, m.metric, t.bucket, " + aggregates
                + " from (select distinct device_id, cast(date_format(ts, '" + bucketFormat + "') as datetime) bucket"
                + "       from telemetry_message where stored_at >= ? and stored_at < ?) t"
                + " join device_metric m on m.device_id = t.device_id "
                + source
                + " group by m.device_id, m.metric, t.bucket";
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(select)) {
            q.setTimestamp(1, since);
            q.setTimestamp(2, until);
            q.setFetchSize(10_000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3, UTC),
                        rs.getLong(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getDouble(7)
                    });
                }
            }
        }
        insertRows(
                c,
                "insert into telemetry_rollup (device_id, metric, period, bucket, samples, total, min_value, max_value) values ",
                "(?, ?, '" + period + "', ?, ?, ?, ?, ?)",
                rows,
                " on duplicate key update samples = values(samples), total = values(total),"
                        + " min_value = values(min_value), max_value = values(max_value)");
    }

    @Override
    public IngestStats ingestStats(Instant from, Instant to, Optional<String> devicePrefix, int maxMessages) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            String sql = "select timestampdiff(microsecond, ts, stored_at) div 1000, stored_at from telemetry_message"
                    + " where stored_at >= ? and stored_at < ?"
                    + (devicePrefix.isPresent() ? " and device_id like ?" : "")
                    + " limit ?";
            long[] latencies = new long[1024];
            int n = 0;
            Instant first = null;
            Instant last = null;
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                q.setTimestamp(i++, Timestamp.from(from), UTC);
                q.setTimestamp(i++, Timestamp.from(to), UTC);
                if (devicePrefix.isPresent()) {
                    q.setString(
                            i++,
                            devicePrefix
                                            .get()
                                            .replace("\\", "\\\\")
                                            .replace("%", "\\%")
                                            .replace("_", "\\_") + "%");
                }
                q.setInt(i, maxMessages);
                q.setFetchSize(10_000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (n == latencies.length) {
                            latencies = java.util.Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = rs.getLong(1);
                        Instant stored = rs.getTimestamp(2, UTC).toInstant();
                        first = first == null || stored.isBefore(first) ? stored : first;
                        last = last == null || stored.isAfter(last) ? stored : last;
                    }
                }
            }
            return IngestStats.of(java.util.Arrays.copyOf(latencies, n), first, last);
        });
    }

    @Override
    public List<RejectedMessage> rejected(Optional<DeviceId> device, int limit) {
        return (device.isPresent()
                        ? em.createQuery(
                                        "select r from RejectedMessage r where r.deviceId = :d order by r.id desc",
                                        RejectedMessage.class)
                                .setParameter("d", device.get().value())
                        : em.createQuery("select r from RejectedMessage r order by r.id desc", RejectedMessage.class))
                .setMaxResults(limit)
                .getResultList();
    }
}
