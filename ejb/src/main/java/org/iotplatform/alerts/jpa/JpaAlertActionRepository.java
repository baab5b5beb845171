package org.iotplatform.alerts.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.hibernate.Session;
import org.iotplatform.alerts.AlertAction;
import org.iotplatform.alerts.AlertActionRepository;
import org.iotplatform.alerts.RuleAction;

/**
 * Alert actions: queued and claimed with plain SQL (a batch insert in the ingest transaction; a
 * {@code SKIP LOCKED} claim, so instances polling together take different actions), read and
 * finished through JPA.
 */
@ApplicationScoped
public class JpaAlertActionRepository implements AlertActionRepository {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public void queue(long alertId, List<RuleAction> actions, Instant now) {
        if (actions.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into alert_action (alert_id, ordinal, type,"
                    + " spec, state, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, 'pending', 0, ?, ?)")) {
                int ordinal = 0;
                for (RuleAction a : actions) {
                    insert.setLong(1, alertId);
                    insert.setInt(2, ordinal++);
                    insert.setString(3, a.type().value());
                    insert.setString(4, a.spec().toString());
                    insert.setTimestamp(5, Timestamp.from(now), Calendar.getInstance(UTC));
                    insert.setTimestamp(6, Timestamp.from(now), Calendar.getInstance(UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public List<AlertAction> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Long> ids = em.unwrap(Session.class).doReturningWork(c -> {
            List<Long> due = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id from alert_action where state = 'pending'"
                    + " and next_attempt_at <= ? and (claimed_until is null or claimed_until <= ?)"
                    + " order by next_attempt_at, id limit ? for update skip locked")) {
                select.setTimestamp(1, Timestamp.from(now), Calendar.getInstance(UTC));
                select.setTimestamp(2, Timestamp.from(now), Calendar.getInstance(UTC));
                select.setInt(3, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getLong(1));
                    }
                }
            }
            if (!due.isEmpty()) {
                try (PreparedStatement lease =
                        c.prepareStatement("update alert_action set claimed_until = ? where id = ?")) {
                    for (Long id : due) {
                        lease.setTimestamp(1, Timestamp.from(leaseUntil), Calendar.getInstance(UTC));
                        lease.setLong(2, id);
                        lease.addBatch();
                    }
                    lease.executeBatch();
                }
            }
            return due;
        });
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select a from AlertAction a where a.id in :ids order by a.id", AlertAction.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    @Override
    public Optional<AlertAction> lock(long id) {
        return Optional.ofNullable(em.find(AlertAction.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<AlertAction> ofAlert(long alertId) {
        return em.createQuery(
                        "select a from AlertAction a where a.alertId = :alert order by a.ordinal", AlertAction.class)
                .setParameter("alert", alertId)
                .getResultList();
    }

    @Override
    public long count(String state) {
        return em.createQuery("select count(a) from AlertAction a where a.state = :state", Long.class)
                .setParameter("state", state)
                .getSingleResult();
    }
}
