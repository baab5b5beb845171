package org.iotplatform.alerts.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.hibernate.Session;
import org.iotplatform.alerts.Absence;
import org.iotplatform.alerts.Alert;
import org.iotplatform.alerts.AlertEvent;
import org.iotplatform.alerts.AlertRepository;
import org.iotplatform.alerts.AlertState;
import org.iotplatform.alerts.DeviceSelector;
import org.iotplatform.alerts.RuleCheck;
import org.iotplatform.alerts.RuleDevice;
import org.iotplatform.alerts.RuleState;
import org.iotplatform.alerts.Severity;
import org.iotplatform.alerts.WindowAggregate;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.TelemetryMessage;

/**
 * Alerts and rule state. The evaluation's writes are plain JDBC batches in the ingest transaction (one
 * statement per kind of change and batch, not one per message); operators' changes go through JPA.
 */
@ApplicationScoped
public class JpaAlertRepository implements AlertRepository {

    private static final TimeZone UTC_ZONE = TimeZone.getTimeZone("UTC");

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    private static Calendar utc() {
        return Calendar.getInstance(UTC_ZONE);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    @Override
    public Map<RuleDevice, Locked> lockStates(List<RuleDevice> sortedPairs, Instant now) {
        return jdbc(c -> {
            // An upsert locks an existing row exclusively at once (INSERT IGNORE would take a shared lock,
            // and two transactions upgrading theirs to FOR UPDATE deadlock); selecting from the rule
            // skips a rule deleted since it was cached instead of failing the batch on the foreign key.
            try (PreparedStatement insert = c.prepareStatement("insert into alert_rule_state"
                    + " (rule_id, device_id, consecutive, last_evaluated_at) select id, ?, 0, ? from alert_rule"
                    + " where id = ? on duplicate key update rule_id = rule_id")) {
                for (RuleDevice p : sortedPairs) {
                    insert.setString(1, p.deviceId());
                    insert.setTimestamp(2, Timestamp.from(now), utc());
                    insert.setLong(3, p.ruleId());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Map<RuleDevice, Locked> states = new HashMap<>();
            // full-key equalities: the range optimizer makes point lookups of them, so only these rows are
            // locked (a row-constructor IN list may be scanned as a range, with gap locks)
            StringBuilder where = new StringBuilder();
            sortedPairs.forEach(
                    p -> where.append(where.length() == 0 ? "" : " or ").append("(rule_id = ? and device_id = ?)"));
            try (PreparedStatement select = c.prepareStatement(
                    "select rule_id, device_id, consecutive, held_since, last_message_at, alert_id, window_end"
                            + " from alert_rule_state"
                            + " where " + where + " for update")) {
                int i = 1;
                for (RuleDevice p : sortedPairs) {
                    select.setLong(i++, p.ruleId());
                    select.setString(i++, p.deviceId());
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long alertId = rs.getLong(6);
                        boolean active = !rs.wasNull();
                        RuleState state = new RuleState(
                                rs.getInt(3),
                                instant(rs.getTimestamp(4, utc())),
                                instant(rs.getTimestamp(5, utc())),
                                active);
                        state.windowEnd(instant(rs.getTimestamp(7, utc())));
                        states.put(
                                new RuleDevice(rs.getLong(1), rs.getString(2)),
                                new Locked(state, active ? alertId : null));
                    }
                }
            }
            return states;
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void setInstant(PreparedStatement s, int index, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setTimestamp(index, Timestamp.from(at), Calendar.getInstance(UTC_ZONE));
        }
    }

    @Override
    public void saveStates(Map<RuleDevice, Locked> states, Instant now) {
        if (states.isEmpty()) {
            return;
        }
        jdbc(c -> {
            try (PreparedStatement update = c.prepareStatement("update alert_rule_state set consecutive = ?,"
                    + " held_since = ?, last_message_at = ?, last_evaluated_at = ?, alert_id = ?, window_end = ?"
                    + " where rule_id = ? and device_id = ?")) {
                for (Map.Entry<RuleDevice, Locked> e : states.entrySet()) {
                    RuleState s = e.getValue().state();
                    update.setInt(1, s.consecutive());
                    setInstant(update, 2, s.heldSince());
                    setInstant(update, 3, s.lastMessageAt());
                    setInstant(update, 4, now);
                    if (e.getValue().alertId() == null) {
                        update.setNull(5, Types.BIGINT);
                    } else {
                        update.setLong(5, e.getValue().alertId());
                    }
                    setInstant(update, 6, s.windowEnd());
                    update.setLong(7, e.getKey().ruleId());
                    update.setString(8, e.getKey().deviceId());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public java.util.Set<RuleDevice> pendingStates(java.util.Set<String> deviceIds) {
        java.util.Set<RuleDevice> pending = new java.util.HashSet<>();
        if (deviceIds.isEmpty()) {
            return pending;
        }
        String sql = "select rule_id, device_id from alert_rule_state where device_id in ("
                + String.join(",", java.util.Collections.nCopies(deviceIds.size(), "?")) + ")"
                + " and (alert_id is not null or consecutive > 0 or held_since is not null)";
        return jdbc(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int i = 1;
                for (String id : deviceIds) {
                    select.setString(i++, id);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new RuleDevice(rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            return pending;
        });
    }

    @Override
    public Raised raise(RuleCheck rule, String deviceId, String lastValue, Instant at) {
        String key = Alert.activeKey(rule.id(), deviceId);
        return jdbc(c -> {
            // the unique active key decides a race: the loser's insert becomes a match on the winner's alert
            try (PreparedStatement upsert = c.prepareStatement("insert into alert (rule_id, rule_name, device_id,"
                    + " severity, active_key, acknowledged, match_count, last_value, raised_at, last_at)"
                    + " values (?, ?, ?, ?, ?, false, 1, ?, ?, ?) on duplicate key update"
                    + " match_count = match_count + 1, last_value = values(last_value),"
                    + " last_at = greatest(last_at, values(last_at)), version = version + 1")) {
                upsert.setLong(1, rule.id());
                upsert.setString(2, rule.name());
                upsert.setString(3, deviceId);
                upsert.setString(4, rule.severity().value());
                upsert.setString(5, key);
                upsert.setString(6, lastValue);
                setInstant(upsert, 7, at);
                setInstant(upsert, 8, at);
                upsert.executeUpdate();
            }
            try (PreparedStatement select =
                    c.prepareStatement("select id, match_count from alert where active_key = ?")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    // a new alert counts this one match; one found active counts at least two now
                    return new Raised(rs.getLong(1), rs.getLong(2) == 1);
                }
            }
        });
    }

    @Override
    public void countMatches(List<Matches> matches) {
        if (matches.isEmpty()) {
            return;
        }
        jdbc(c -> {
            try (PreparedStatement update = c.prepareStatement("update alert set match_count = match_count + ?,"
                    + " last_value = ?, last_at = greatest(last_at, ?), version = version + 1 where id = ?")) {
                for (Matches m : matches) {
                    update.setInt(1, m.count());
                    update.setString(2, m.lastValue());
                    setInstant(update, 3, m.lastAt());
                    update.setLong(4, m.alertId());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void clear(long alertId, Instant at) {
        jdbc(c -> {
            try (PreparedStatement update = c.prepareStatement("update alert set active_key = null, cleared_at = ?,"
                    + " cleared_by = ?, version = version + 1 where id = ? and active_key is not null")) {
                setInstant(update, 1, at);
                update.setString(2, AlertEvent.SYSTEM);
                update.setLong(3, alertId);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void appendEvents(List<AlertEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into alert_event (alert_id, occurred_at, actor, kind, detail) values (?, ?, ?, ?, ?)")) {
                for (AlertEvent e : events) {
                    insert.setLong(1, e.alertId());
                    setInstant(insert, 2, e.occurredAt());
                    insert.setString(3, e.actor());
                    insert.setString(4, e.kind());
                    insert.setString(5, e.detail());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void resetState(long ruleId, String deviceId) {
        em.createNativeQuery("update alert_rule_state set consecutive = 0, held_since = null, alert_id = null"
                        + " where rule_id = ? and device_id = ?")
                .setParameter(1, ruleId)
                .setParameter(2, deviceId)
                .executeUpdate();
    }

    @Override
    public void restartStates(long ruleId) {
        em.createNativeQuery("update alert_rule_state set consecutive = 0, held_since = null, last_message_at = null"
                        + " where rule_id = ?")
                .setParameter(1, ruleId)
                .executeUpdate();
    }

    @Override
    public void removeStates(long ruleId) {
        em.createNativeQuery("delete from alert_rule_state where rule_id = ?")
                .setParameter(1, ruleId)
                .executeUpdate();
    }

    @Override
    public List<Alert> activeOf(long ruleId) {
        return em.createQuery("select a from Alert a where a.ruleId = :r and a.activeKey is not null", Alert.class)
                .setParameter("r", ruleId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    @Override
    public Optional<Alert> find(long id) {
        return Optional.ofNullable(em.find(Alert.class, id));
    }

    @Override
    public Optional<Alert> lock(long id) {
        return Optional.ofNullable(em.find(Alert.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<Alert> list(String deviceId, AlertState state, Severity severity, int limit) {
        StringBuilder jpql = new StringBuilder("select a from Alert a where 1 = 1");
        if (deviceId != null) {
            jpql.append(" and a.deviceId = :device");
        }
        if (state != null) {
            jpql.append(
                    switch (state) {
                        case OPEN -> " and a.activeKey is not null and a.acknowledged = false";
                        case ACKNOWLEDGED -> " and a.activeKey is not null and a.acknowledged = true";
                        case CLEARED -> " and a.activeKey is null";
                    });
        }
        if (severity != null) {
            jpql.append(" and a.severity = :severity");
        }
        jpql.append(" order by a.id desc");
        TypedQuery<Alert> q = em.createQuery(jpql.toString(), Alert.class).setMaxResults(limit);
        if (deviceId != null) {
            q.setParameter("device", deviceId);
        }
        if (severity != null) {
            q.setParameter("severity", severity.value());
        }
        return q.getResultList();
    }

    @Override
    public List<AlertEvent> history(long alertId) {
        return em.createQuery("select e from AlertEvent e where e.alertId = :a order by e.id", AlertEvent.class)
                .setParameter("a", alertId)
                .getResultList();
    }

    @Override
    public Map<Severity, Long> activeCountsBySeverity() {
        Map<Severity, Long> counts = new HashMap<>();
        for (Object[] row : em.createQuery(
                        "select a.severity, count(a) from Alert a where a.activeKey is not null group by a.severity",
                        Object[].class)
                .getResultList()) {
            counts.merge(Severity.of((String) row[0]), ((Number) row[1]).longValue(), Long::sum);
        }
        return counts;
    }

    @Override
    public List<DeviceSeverity> activeSeveritiesByDevice() {
        return em
                .createQuery(
                        "select a.deviceId, a.severity from Alert a where a.activeKey is not null"
                                + " group by a.deviceId, a.severity",
                        Object[].class)
                .getResultList()
                .stream()
                .map(row -> new DeviceSeverity((String) row[0], Severity.of((String) row[1])))
                .toList();
    }

    @Override
    public List<DeviceSeverity> activeSeveritiesByTag(String tag) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.value, a.severity from alert a"
                        + " join device d on d.device_id = a.device_id"
                        + " join device_tag t on t.device_pk = d.id and t.name = ?"
                        + " where a.active_key is not null group by t.value, a.severity")
                .setParameter(1, tag)
                .getResultList();
        return rows.stream()
                .map(row -> new DeviceSeverity((String) row[0], Severity.of((String) row[1])))
                .toList();
    }

    @Override
    public void append(AlertEvent event) {
        em.persist(event);
    }

    @Override
    public List<Absent> absent(long ruleId, DeviceSelector devices, Absence absence, Instant now) {
        // before the rule's first message from a device, its last activity (or registration) stands in
        String since = absence.kind() == Absence.Kind.TELEMETRY
                ? "coalesce(s.last_message_at, d.last_activity_time, d.created_at)"
                : "coalesce(d.connection_state_updated_at, d.created_at)";
        String sql = "select d.device_id, " + since + " from device d"
                + " left join alert_rule_state s on s.rule_id = ? and s.device_id = d.device_id"
                + " where d.status = 'enabled' and s.alert_id is null and " + selects(devices)
                + (absence.kind() == Absence.Kind.CONNECTION ? " and d.connection_state = 'disconnected'" : "")
                + " and " + since + " <= ?";
        return jdbc(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int i = 1;
                select.setLong(i++, ruleId);
                i = bindSelector(select, i, devices);
                setInstant(select, i, now.minus(absence.after()));
                List<Absent> absent = new java.util.ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        absent.add(new Absent(
                                rs.getString(1), rs.getTimestamp(2, utc()).toInstant()));
                    }
                }
                return absent;
            }
        });
    }

    @Override
    public List<String> absenceOver(long ruleId, DeviceSelector devices, Absence absence) {
        String sql = "select s.device_id, d.status, d.connection_state, " + selects(devices)
                + " from alert_rule_state s left join device d on d.device_id = s.device_id"
                + " where s.rule_id = ? and s.alert_id is not null";
        return jdbc(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int i = bindSelector(select, 1, devices);
                select.setLong(i, ruleId);
                List<String> over = new java.util.ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        boolean watched = "enabled".equals(rs.getString(2)) && rs.getBoolean(4);
                        boolean back = absence.kind() == Absence.Kind.CONNECTION && "connected".equals(rs.getString(3));
                        if (!watched || back) {
                            over.add(rs.getString(1));
                        }
                    }
                }
                return over;
            }
        });
    }

    @Override
    public Map<String, Double> aggregate(
            String deviceId,
            java.util.Set<String> metrics,
            WindowAggregate.Function function,
            Instant from,
            Instant to,
            boolean endExclusive) {
        Map<String, Double> values = new HashMap<>();
        if (metrics.isEmpty()) {
            return values;
        }
        String sql = "select metric, " + function.sql() + " from telemetry_value where device_id = ? and metric in ("
                + String.join(",", java.util.Collections.nCopies(metrics.size(), "?")) + ")"
                + (endExclusive ? " and ts >= ? and ts < ?" : " and ts > ? and ts <= ?") + " group by metric";
        return jdbc(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int i = 1;
                select.setString(i++, deviceId);
                for (String m : metrics) {
                    select.setString(i++, m);
                }
                setInstant(select, i++, from);
                setInstant(select, i, to);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        values.put(rs.getString(1), rs.getDouble(2));
                    }
                }
            }
            if (function == WindowAggregate.Function.COUNT) {
                metrics.forEach(m -> values.putIfAbsent(m, 0.0));
            }
            return values;
        });
    }

    @Override
    public StoredPage olderMessages(String deviceId, Set<String> metrics, StoredCursor from, int limit) {
        // one index range per metric (the key leads with device and metric), merged here by message
        String sql = "select ts, message_id, value from telemetry_value where device_id = ? and metric = ? and "
                + (from.messageId() == null ? "ts <= ?" : "(ts < ? or (ts = ? and message_id < ?))")
                + " order by ts desc, message_id desc limit ?";
        Comparator<StoredCursor> newestFirst = Comparator.comparing(StoredCursor::ts)
                .thenComparing(StoredCursor::messageId)
                .reversed();
        return jdbc(c -> {
            Map<StoredCursor, Map<String, Double>> messages = new TreeMap<>(newestFirst);
            StoredCursor complete = null; // older than this, a metric's page may have been cut off
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (String metric : metrics) {
                    int i = 1;
                    select.setString(i++, deviceId);
                    select.setString(i++, metric);
                    setInstant(select, i++, from.ts());
                    if (from.messageId() != null) {
                        setInstant(select, i++, from.ts());
                        select.setString(i++, from.messageId());
                    }
                    select.setInt(i, limit);
                    int rows = 0;
                    StoredCursor oldest = null;
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            oldest = new StoredCursor(instant(rs.getTimestamp(1, utc())), rs.getString(2));
                            messages.computeIfAbsent(oldest, k -> new HashMap<>())
                                    .put(metric, rs.getDouble(3));
                            rows++;
                        }
                    }
                    if (rows == limit && (complete == null || newestFirst.compare(oldest, complete) < 0)) {
                        complete = oldest;
                    }
                }
            }
            DeviceId device = DeviceId.of(deviceId);
            List<TelemetryMessage> page = new ArrayList<>();
            for (Map.Entry<StoredCursor, Map<String, Double>> m : messages.entrySet()) {
                if (complete != null && newestFirst.compare(m.getKey(), complete) > 0) {
                    break;
                }
                StoredCursor k = m.getKey();
                page.add(new TelemetryMessage(device, k.messageId(), k.ts(), k.ts(), m.getValue()));
            }
            return new StoredPage(page, complete);
        });
    }

    /** A condition on {@code device d} true for the devices the selector picks. */
    private static String selects(DeviceSelector devices) {
        if (devices.all()) {
            return "true";
        }
        if (devices.deviceId() != null) {
            return "d.device_id = ?";
        }
        return "exists (select 1 from device_tag t where t.device_pk = d.id and t.name = ? and t.value = ?)";
    }

    private static int bindSelector(PreparedStatement statement, int index, DeviceSelector devices)
            throws SQLException {
        int i = index;
        if (devices.all()) {
            return i;
        }
        if (devices.deviceId() != null) {
            statement.setString(i++, devices.deviceId());
            return i;
        }
        statement.setString(i++, devices.tagName());
        statement.setString(i++, devices.tagValue());
        return i;
    }
}
