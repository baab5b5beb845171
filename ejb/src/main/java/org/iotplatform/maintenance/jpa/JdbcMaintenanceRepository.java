package org.iotplatform.maintenance.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.hibernate.Session;
import org.iotplatform.maintenance.DeviceHistory;
import org.iotplatform.maintenance.DeviceTag;
import org.iotplatform.maintenance.HistoryRow;
import org.iotplatform.maintenance.MaintenanceRepository;
import org.iotplatform.maintenance.ModelDefinition;
import org.iotplatform.maintenance.ModelExistsException;
import org.iotplatform.maintenance.ModelVersion;
import org.iotplatform.maintenance.RollupHistory;
import org.iotplatform.maintenance.RulEstimate;
import org.iotplatform.maintenance.StoredEstimate;
import org.iotplatform.maintenance.StoredModel;
import org.iotplatform.maintenance.TrainingSettings;
import org.iotplatform.telemetry.Interval;

/** Models, versions and estimates in MariaDB, with plain JDBC in the caller's transaction. */
@ApplicationScoped
public class JdbcMaintenanceRepository implements MaintenanceRepository {

    private static final JsonProvider JSON = JsonProvider.provider(); // looked up once: see TelemetryPolicy
    private static final TimeZone UTC_ZONE = TimeZone.getTimeZone("UTC");
    private static final String MODEL_COLUMNS =
            "id, name, tag_name, tag_value, watch_tag_name, watch_tag_value, metrics, failure, cap_seconds,"
                    + " created_at, created_by, resolution";

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    private static Calendar utc() {
        return Calendar.getInstance(UTC_ZONE);
    }

    private static void setInstant(PreparedStatement s, int index, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setTimestamp(index, Timestamp.from(at), utc());
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, utc());
        return t == null ? null : t.toInstant();
    }

    @Override
    public long create(ModelDefinition d, Instant at, String by) {
        return jdbc(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into maintenance_model (name, tag_name, tag_value, watch_tag_name, watch_tag_value,"
                            + " metrics, failure, cap_seconds, created_at, created_by, resolution)"
                            + " values (?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, d.name());
                insert.setString(2, d.devices().name());
                insert.setString(3, d.devices().value());
                insert.setString(4, d.watch() == null ? null : d.watch().name());
                insert.setString(5, d.watch() == null ? null : d.watch().value());
                JsonArrayBuilder metrics = JSON.createArrayBuilder();
                d.metrics().forEach(metrics::add);
                insert.setString(6, metrics.build().toString());
                insert.setString(7, d.failure());
                insert.setLong(8, d.cap().toSeconds());
                setInstant(insert, 9, at);
                insert.setString(10, by);
                insert.setString(11, d.resolution());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new ModelExistsException(d.name());
            }
        });
    }

    @Override
    public Optional<StoredModel> model(String name) {
        return jdbc(c -> {
            try (PreparedStatement q =
                    c.prepareStatement("select " + MODEL_COLUMNS + " from maintenance_model where name = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(model(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredModel> models() {
        return jdbc(c -> {
            List<StoredModel> all = new ArrayList<>();
            try (PreparedStatement q =
                            c.prepareStatement("select " + MODEL_COLUMNS + " from maintenance_model order by name");
                    ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    all.add(model(rs));
                }
            }
            return all;
        });
    }

    private static StoredModel model(ResultSet rs) throws SQLException {
        List<String> metrics = new ArrayList<>();
        try (var reader = JSON.createReader(new StringReader(rs.getString(7)))) {
            JsonArray array = reader.readArray();
            array.getValuesAs(JsonString.class).forEach(s -> metrics.add(s.getString()));
        }
        String watchName = rs.getString(5);
        ModelDefinition d = new ModelDefinition(
                rs.getString(2),
                new DeviceTag(rs.getString(3), rs.getString(4)),
                watchName == null ? null : new DeviceTag(watchName, rs.getString(6)),
                metrics,
                rs.getString(8),
                Duration.ofSeconds(rs.getLong(9)),
                ModelDefinition.interval(rs.getString(12)),
                null);
        return new StoredModel(rs.getLong(1), d, instant(rs, 10), rs.getString(11));
    }

    @Override
    public int newVersion(long modelId, TrainingSettings settings, Instant at, String by) {
        return jdbc(c -> {
            int version;
            // the model row locked: two requests for a new version number one after the other
            try (PreparedStatement lock =
                    c.prepareStatement("select id from maintenance_model where id = ? for update")) {
                lock.setLong(1, modelId);
                lock.executeQuery().close();
            }
            try (PreparedStatement q = c.prepareStatement(
                    "select coalesce(max(version), 0) + 1 from maintenance_model_version where model_id = ?")) {
                q.setLong(1, modelId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into maintenance_model_version (model_id, version, state, stage, requested_at,"
                            + " requested_by, parameters) values (?, ?, 'training', 'queued', ?, ?, ?)")) {
                insert.setLong(1, modelId);
                insert.setInt(2, version);
                setInstant(insert, 3, at);
                insert.setString(4, by);
                insert.setString(5, settings.json());
                insert.executeUpdate();
            }
            return version;
        });
    }

    @Override
    public void stage(long modelId, int version, String stage) {
        update(
                "update maintenance_model_version set stage = ? where model_id = ? and version = ? and state = 'training'",
                s -> {
                    s.setString(1, stage.length() > 255 ? stage.substring(0, 255) : stage);
                    s.setLong(2, modelId);
                    s.setInt(3, version);
                });
    }

    @Override
    public void trained(long modelId, int version, Trained t, byte[] model, Instant at) {
        update(
                "update maintenance_model_version set active = false where model_id = ? and active",
                s -> s.setLong(1, modelId));
        update(
                "update maintenance_model_version set state = 'ready', stage = null, active = true, finished_at = ?,"
                        + " training_millis = ?, devices = ?, training_rows = ?, validation_rmse = ?,"
                        + " validation_folds = ?, model = ? where model_id = ? and version = ?",
                s -> {
                    setInstant(s, 1, at);
                    s.setLong(2, t.trainingMillis());
                    s.setInt(3, t.devices());
                    s.setInt(4, t.rows());
                    if (t.validationRmseSeconds() == null) {
                        s.setNull(5, Types.DOUBLE);
                        s.setNull(6, Types.INTEGER);
                    } else {
                        s.setDouble(5, t.validationRmseSeconds());
                        s.setInt(6, t.folds());
                    }
                    s.setBytes(7, model);
                    s.setLong(8, modelId);
                    s.setInt(9, version);
                });
    }

    @Override
    public void failed(long modelId, int version, String reason, Instant at) {
        update(
                "update maintenance_model_version set state = 'failed', stage = null, finished_at = ?,"
                        + " failure_reason = ? where model_id = ? and version = ?",
                s -> {
                    setInstant(s, 1, at);
                    s.setString(2, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
                    s.setLong(3, modelId);
                    s.setInt(4, version);
                });
    }

    @Override
    public int abandonTraining(String reason, Instant at) {
        return update(
                "update maintenance_model_version set state = 'failed', stage = null, finished_at = ?,"
                        + " failure_reason = ? where state = 'training'",
                s -> {
                    setInstant(s, 1, at);
                    s.setString(2, reason);
                });
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        return jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<ModelVersion> versions(long modelId) {
        return jdbc(c -> {
            List<ModelVersion> all = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "select version, state, stage, requested_at, requested_by, finished_at, training_millis,"
                            + " parameters, devices, training_rows, validation_rmse, validation_folds,"
                            + " failure_reason, active from maintenance_model_version where model_id = ?"
                            + " order by version desc")) {
                q.setLong(1, modelId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        all.add(new ModelVersion(
                                rs.getInt(1),
                                rs.getString(2),
                                rs.getString(3),
                                instant(rs, 4),
                                rs.getString(5),
                                instant(rs, 6),
                                (Long) rs.getObject(7, Long.class),
                                rs.getString(8),
                                (Integer) rs.getObject(9, Integer.class),
                                (Integer) rs.getObject(10, Integer.class),
                                (Double) rs.getObject(11, Double.class),
                                (Integer) rs.getObject(12, Integer.class),
                                rs.getString(13),
                                rs.getBoolean(14)));
                    }
                }
            }
            return all;
        });
    }

    @Override
    public Optional<Integer> activeVersion(long modelId) {
        return jdbc(c -> {
            try (PreparedStatement q =
                    c.prepareStatement("select version from maintenance_model_version where model_id = ? and active")) {
                q.setLong(1, modelId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public byte[] modelBytes(long modelId, int version) {
        return jdbc(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "select model from maintenance_model_version where model_id = ? and version = ?")) {
                q.setLong(1, modelId);
                q.setInt(2, version);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    @Override
    public List<String> devicesTagged(DeviceTag tag) {
        return jdbc(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select d.device_id from device d join device_tag t"
                    + " on t.device_pk = d.id where t.name = ? and t.value = ? order by d.device_id")) {
                q.setString(1, tag.name());
                q.setString(2, tag.value());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** A record's key: its time, then its message id. */
    private record Key(Instant ts, String messageId) {}

    @Override
    public DeviceHistory history(String deviceId, List<String> metrics, int maxRecords) {
        // one index range per metric (the key leads with device and metric), newest first, merged here
        Comparator<Key> order = Comparator.comparing(Key::ts).thenComparing(Key::messageId);
        return jdbc(c -> {
            Map<Key, Map<String, Double>> records = new TreeMap<>(order);
            Key complete = null; // older than this, a metric's rows may have been cut off by the limit
            try (PreparedStatement q = c.prepareStatement("select ts, message_id, value from telemetry_value"
                    + " where device_id = ? and metric = ? order by ts desc, message_id desc limit ?")) {
                for (String metric : metrics) {
                    q.setString(1, deviceId);
                    q.setString(2, metric);
                    q.setInt(3, maxRecords);
                    int rows = 0;
                    Key oldest = null;
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            oldest = new Key(instant(rs, 1), rs.getString(2));
                            records.computeIfAbsent(oldest, k -> new HashMap<>())
                                    .put(metric, rs.getDouble(3));
                            rows++;
                        }
                    }
                    if (rows == maxRecords && (complete == null || order.compare(oldest, complete) > 0)) {
                        complete = oldest;
                    }
                }
            }
            List<HistoryRow> rows = new ArrayList<>();
            for (Map.Entry<Key, Map<String, Double>> r : records.entrySet()) {
                if (complete == null || order.compare(r.getKey(), complete) >= 0) {
                    rows.add(new HistoryRow(r.getKey().ts(), r.getValue()));
                }
            }
            return new DeviceHistory(deviceId, rows);
        });
    }

    @Override
    public Optional<Instant> newestRecord(String deviceId, List<String> metrics) {
        return jdbc(c -> {
            Instant newest = null;
            try (PreparedStatement q =
                    c.prepareStatement("select max(ts) from telemetry_value where device_id = ? and metric = ?")) {
                for (String metric : metrics) {
                    q.setString(1, deviceId);
                    q.setString(2, metric);
                    try (ResultSet rs = q.executeQuery()) {
                        Instant t = rs.next() ? instant(rs, 1) : null;
                        if (t != null && (newest == null || t.isAfter(newest))) {
                            newest = t;
                        }
                    }
                }
            }
            return Optional.ofNullable(newest);
        });
    }

    @Override
    public DeviceHistory rollupHistory(
            String deviceId, List<String> metrics, Interval interval, Instant before, int maxBuckets) {
        Instant from = before.minus(interval.length().multipliedBy(maxBuckets));
        return jdbc(c -> {
            List<RollupHistory.BucketTotal> rollups = new ArrayList<>();
            // one range of the primary key (device, metric, period, bucket) per metric
            try (PreparedStatement q = c.prepareStatement("select bucket, samples, total from telemetry_rollup"
                    + " where device_id = ? and metric = ? and period = ? and bucket >= ? and bucket < ?")) {
                for (String metric : metrics) {
                    q.setString(1, deviceId);
                    q.setString(2, metric);
                    q.setString(3, interval.code());
                    setInstant(q, 4, from);
                    setInstant(q, 5, before);
                    q.setFetchSize(1000);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            rollups.add(new RollupHistory.BucketTotal(
                                    instant(rs, 1), metric, rs.getLong(2), rs.getDouble(3)));
                        }
                    }
                }
            }
            return RollupHistory.of(deviceId, rollups);
        });
    }

    @Override
    public Optional<Instant> newestBucket(String deviceId, List<String> metrics, Interval interval, Instant before) {
        return jdbc(c -> {
            Instant newest = null;
            try (PreparedStatement q = c.prepareStatement("select max(bucket) from telemetry_rollup"
                    + " where device_id = ? and metric = ? and period = ? and bucket < ?")) {
                for (String metric : metrics) {
                    q.setString(1, deviceId);
                    q.setString(2, metric);
                    q.setString(3, interval.code());
                    setInstant(q, 4, before);
                    try (ResultSet rs = q.executeQuery()) {
                        Instant t = rs.next() ? instant(rs, 1) : null;
                        if (t != null && (newest == null || t.isAfter(newest))) {
                            newest = t;
                        }
                    }
                }
            }
            return Optional.ofNullable(newest);
        });
    }

    @Override
    public void saveEstimate(long modelId, String deviceId, int version, double rulSeconds, Instant asOf, Instant at) {
        update(
                "insert into rul_estimate (model_id, device_id, version, rul_seconds, as_of, scored_at)"
                        + " values (?, ?, ?, ?, ?, ?) on duplicate key update version = values(version),"
                        + " rul_seconds = values(rul_seconds), as_of = values(as_of), scored_at = values(scored_at)",
                s -> {
                    s.setLong(1, modelId);
                    s.setString(2, deviceId);
                    s.setInt(3, version);
                    s.setDouble(4, rulSeconds);
                    setInstant(s, 5, asOf);
                    setInstant(s, 6, at);
                });
    }

    @Override
    public Optional<RulEstimate> estimate(StoredModel model, String deviceId) {
        return jdbc(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "select version, rul_seconds, as_of from rul_estimate where model_id = ? and device_id = ?")) {
                q.setLong(1, model.id());
                q.setString(2, deviceId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new RulEstimate(
                                    model.definition().name(), rs.getInt(1), rs.getDouble(2), instant(rs, 3)))
                            : Optional.empty();
                }
            }
        });
    }

    private static final String ESTIMATE_COLUMNS =
            "m.name, e.device_id, e.version, e.rul_seconds, e.as_of, e.scored_at from rul_estimate e"
                    + " join maintenance_model m on m.id = e.model_id";

    @Override
    public List<StoredEstimate> estimates(long modelId, int limit) {
        return jdbc(c -> {
            try (PreparedStatement q = c.prepareStatement("select " + ESTIMATE_COLUMNS
                    + " where e.model_id = ? order by e.rul_seconds, e.device_id limit ?")) {
                q.setLong(1, modelId);
                q.setInt(2, limit);
                return estimates(q);
            }
        });
    }

    @Override
    public List<StoredEstimate> estimatesOf(String deviceId) {
        return jdbc(c -> {
            try (PreparedStatement q =
                    c.prepareStatement("select " + ESTIMATE_COLUMNS + " where e.device_id = ? order by m.name")) {
                q.setString(1, deviceId);
                return estimates(q);
            }
        });
    }

    private static List<StoredEstimate> estimates(PreparedStatement q) throws SQLException {
        List<StoredEstimate> all = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                all.add(new StoredEstimate(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getDouble(4),
                        instant(rs, 5),
                        instant(rs, 6)));
            }
        }
        return all;
    }
}
