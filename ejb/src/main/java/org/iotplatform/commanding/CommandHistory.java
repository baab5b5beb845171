package org.iotplatform.commanding;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.hibernate.Session;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.registry.DeviceId;

/** The commands sent to each device, newest first; every one is also in the audit log. */
@Stateless
public class CommandHistory {

    @PersistenceContext(unitName = "iot")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** Keeps a finished command and its audit entry (one transaction). */
    public void record(DeviceCommand command, String auditDetail) {
        em.persist(command);
        audit.record(command.requestedBy(), auditAction(command), command.deviceId(), auditDetail);
    }

    /**
     * Keeps finished commands and their audit entries: one transaction and one JDBC batch per table
     * for all (Hibernate sends identity-keyed inserts one at a time, which was most of the cost of
     * keeping hundreds of direct methods a second).
     */
    public void recordAll(List<DeviceCommand> commands, List<String> auditDetails) {
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
        List<AuditTrail.Action> actions = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            DeviceCommand command = commands.get(i);
            actions.add(new AuditTrail.Action(
                    command.requestedBy(), auditAction(command), command.deviceId(), auditDetails.get(i)));
        }
        audit.recordAll(actions);
    }

    private static void setInstant(PreparedStatement insert, int index, Instant at, Calendar utc) throws SQLException {
        if (at == null) {
            insert.setNull(index, Types.TIMESTAMP); // the driver refuses a null Timestamp with a calendar
        } else {
            insert.setTimestamp(index, Timestamp.from(at), utc);
        }
    }

    private static String auditAction(DeviceCommand command) {
        return "device." + command.kind() + ".send";
    }

    public List<DeviceCommand> recent(DeviceId deviceId, int limit) {
        return em.createQuery(
                        "select c from DeviceCommand c where c.deviceId = :device order by c.requestedAt desc, c.id desc",
                        DeviceCommand.class)
                .setParameter("device", deviceId.value())
                .setMaxResults(Math.max(1, Math.min(limit, 500)))
                .getResultList();
    }
}
