package org.iotplatform.telemetry.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hibernate.Session;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.RejectedMessage;
import org.iotplatform.telemetry.TelemetryMessage;
import org.iotplatform.telemetry.TelemetryPoint;
import org.iotplatform.telemetry.TelemetryStore;

/**
 * Telemetry in MariaDB through plain JDBC batches on the persistence unit's connection (same JTA
 * transaction): time series rows are not worth an entity each. Times are stored as UTC.
 */
@ApplicationScoped
public class JdbcTelemetryStore implements TelemetryStore {

    private static final java.util.Calendar UTC = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public boolean storeOnce(TelemetryMessage m) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement claim = c.prepareStatement(
                    "insert ignore into telemetry_message (device_id, message_id, ts, received_at) values (?, ?, ?, ?)")) {
                claim.setString(1, m.deviceId().value());
                claim.setString(2, m.messageId());
                claim.setTimestamp(3, utc(m.timestamp()), UTC);
                claim.setTimestamp(4, utc(m.receivedAt()), UTC);
                if (claim.executeUpdate() == 0) {
                    return false; // seen before: at-least-once delivery sent it again
                }
            }
            try (PreparedStatement values = c.prepareStatement(
                    "insert into telemetry_value (device_id, metric, ts, message_id, value) values (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Double> v : m.values().entrySet()) {
                    values.setString(1, m.deviceId().value());
                    values.setString(2, v.getKey());
                    values.setTimestamp(3, utc(m.timestamp()), UTC);
                    values.setString(4, m.messageId());
                    values.setDouble(5, v.getValue());
                    values.addBatch();
                }
                values.executeBatch();
            }
            return true;
        });
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.from(instant);
    }

    @Override
    public void reject(RejectedMessage rejected) {
        em.persist(rejected);
    }

    @Override
    public void history(DeviceId device, Instant from, Instant to, Optional<String> metric, int limit,
                        Consumer<TelemetryPoint> sink) {
        em.unwrap(Session.class).doWork(c -> {
            String sql = "select ts, metric, value from telemetry_value where device_id = ? and ts >= ? and ts < ?"
                    + (metric.isPresent() ? " and metric = ?" : "") + " order by ts, metric limit ?";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                q.setString(i++, device.value());
                q.setTimestamp(i++, utc(from), UTC);
                q.setTimestamp(i++, utc(to), UTC);
                if (metric.isPresent()) {
                    q.setString(i++, metric.get());
                }
                q.setInt(i, limit);
                q.setFetchSize(1000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new TelemetryPoint(rs.getTimestamp(1, UTC).toInstant(), rs.getString(2), rs.getDouble(3)));
                    }
                }
            }
        });
    }

    @Override
    public List<RejectedMessage> rejected(Optional<DeviceId> device, int limit) {
        return (device.isPresent()
                ? em.createQuery("select r from RejectedMessage r where r.deviceId = :d order by r.id desc", RejectedMessage.class)
                        .setParameter("d", device.get())
                : em.createQuery("select r from RejectedMessage r order by r.id desc", RejectedMessage.class))
                .setMaxResults(limit)
                .getResultList();
    }
}
