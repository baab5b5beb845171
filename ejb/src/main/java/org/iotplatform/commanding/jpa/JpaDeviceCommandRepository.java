package org.iotplatform.commanding.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.hibernate.Session;
import org.iotplatform.commanding.DeviceCommand;
import org.iotplatform.commanding.DeviceCommandRepository;

@ApplicationScoped
public class JpaDeviceCommandRepository implements DeviceCommandRepository {

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public void store(DeviceCommand command) {
        em.persist(command);
    }

    /**
     * Plain JDBC batch: Hibernate sends identity-keyed inserts one at a time, which was most of the
     * cost of keeping hundreds of direct methods a second.
     */
    @Override
    public void storeAll(List<DeviceCommand> commands) {
        if (commands.isEmpty()) {
            return;
        }
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("insert into device_command (device_id, kind, name, request, state,"
                            + " result_status, result, requested_by, requested_at, completed_at, expires_at, properties)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (DeviceCommand command : commands) {
                    insert.setString(1, command.deviceId());
                    insert.setString(2, command.kind().name());
                    insert.setString(3, command.name());
                    insert.setString(4, command.request());
                    insert.setString(5, command.state());
                    insert.setObject(6, command.resultStatus(), Types.INTEGER);
                    insert.setString(7, command.result());
                    insert.setString(8, command.requestedBy());
                    setInstant(insert, 9, command.requestedAt(), utc);
                    setInstant(insert, 10, command.completedAt(), utc);
                    setInstant(insert, 11, command.expiresAt(), utc);
                    insert.setString(12, command.properties());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static void setInstant(PreparedStatement insert, int index, Instant at, Calendar utc) throws SQLException {
        if (at == null) {
            insert.setNull(index, Types.TIMESTAMP); // the driver refuses a null Timestamp with a calendar
        } else {
            insert.setTimestamp(index, Timestamp.from(at), utc);
        }
    }

    @Override
    public Optional<DeviceCommand> find(long id) {
        return Optional.ofNullable(em.find(DeviceCommand.class, id));
    }

    @Override
    public List<DeviceCommand> recent(String deviceId, int limit) {
        return em.createQuery(
                        "select c from DeviceCommand c where c.deviceId = :device order by c.requestedAt desc, c.id desc",
                        DeviceCommand.class)
                .setParameter("device", deviceId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public long waitingMessages(String deviceId) {
        return em.createQuery(
                        "select count(c) from DeviceCommand c where c.deviceId = :d and c.kind = :k and c.state = 'enqueued'",
                        Long.class)
                .setParameter("d", deviceId)
                .setParameter("k", DeviceCommand.Kind.message)
                .getSingleResult();
    }

    @Override
    public Optional<DeviceCommand> findMessage(String deviceId, String messageId) {
        return em
                .createQuery(
                        "select c from DeviceCommand c where c.deviceId = :d and c.kind = :k and c.name = :m",
                        DeviceCommand.class)
                .setParameter("d", deviceId)
                .setParameter("k", DeviceCommand.Kind.message)
                .setParameter("m", messageId)
                .getResultList()
                .stream()
                .findFirst();
    }

    @Override
    public List<DeviceCommand> messages(String deviceId, String state, int limit) {
        var query = em.createQuery(
                        "select c from DeviceCommand c where c.deviceId = :d and c.kind = :k"
                                + (state == null ? "" : " and c.state = :s") + " order by c.id desc",
                        DeviceCommand.class)
                .setParameter("d", deviceId)
                .setParameter("k", DeviceCommand.Kind.message)
                .setMaxResults(limit);
        if (state != null) {
            query.setParameter("s", state);
        }
        return query.getResultList();
    }

    @Override
    public List<DeviceCommand> deliverableMessages(String deviceId, Instant now) {
        return em.createQuery(
                        "select c from DeviceCommand c where c.deviceId = :d and c.kind = :k "
                                + "and c.state = 'enqueued' and c.expiresAt > :t order by c.id",
                        DeviceCommand.class)
                .setParameter("d", deviceId)
                .setParameter("k", DeviceCommand.Kind.message)
                .setParameter("t", now)
                .getResultList();
    }

    @Override
    public int settle(String deviceId, String messageId, String state, Instant at) {
        return em.createQuery("update DeviceCommand c set c.state = :s, c.completedAt = :t "
                        + "where c.deviceId = :d and c.kind = :k and c.name = :m and c.state = 'enqueued'")
                .setParameter("s", state)
                .setParameter("t", at)
                .setParameter("d", deviceId)
                .setParameter("k", DeviceCommand.Kind.message)
                .setParameter("m", messageId)
                .executeUpdate();
    }

    @Override
    public int expireMessages(Instant now) {
        return em.createQuery("update DeviceCommand c set c.state = 'expired', c.completedAt = :t "
                        + "where c.kind = :k and c.state = 'enqueued' and c.expiresAt < :t")
                .setParameter("t", now)
                .setParameter("k", DeviceCommand.Kind.message)
                .executeUpdate();
    }
}
