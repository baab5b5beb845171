package org.iotplatform.routing.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.hibernate.Session;
import org.iotplatform.routing.EndpointType;
import org.iotplatform.routing.OutboxEntry;
import org.iotplatform.routing.RoutingRule;
import org.iotplatform.routing.RoutingRuleRepository;

@ApplicationScoped
public class JpaRoutingRuleRepository implements RoutingRuleRepository {

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public List<RoutingRule> all() {
        return em.createQuery("select r from RoutingRule r order by r.name", RoutingRule.class)
                .getResultList();
    }

    @Override
    public Optional<RoutingRule> find(String name) {
        return em.createQuery("select r from RoutingRule r where r.name = :n", RoutingRule.class)
                .setParameter("n", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<RoutingRule> find(long id) {
        return Optional.ofNullable(em.find(RoutingRule.class, id));
    }

    @Override
    public void store(RoutingRule rule) {
        em.persist(rule);
    }

    @Override
    public void remove(RoutingRule rule) {
        em.remove(rule);
    }

    @Override
    public void enqueue(List<Match> matches, Instant now) {
        if (matches.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into routing_outbox"
                            + " (rule_id, device_id, message_id, body, created_at, next_attempt_at) values (?, ?, ?, ?, ?, ?)")) {
                for (Match m : matches) {
                    insert.setLong(1, m.ruleId());
                    insert.setString(2, m.message().deviceId().value());
                    insert.setString(3, m.message().messageId());
                    insert.setString(4, m.body());
                    insert.setTimestamp(5, Timestamp.from(now), UTC);
                    insert.setTimestamp(6, Timestamp.from(now), UTC);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<OutboxEntry> due = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement q = c.prepareStatement("select o.id, o.rule_id, r.name, r.endpoint_type, r.target,"
                    + " o.device_id, o.message_id, o.body, o.attempts from routing_outbox o join routing_rule r on r.id = o.rule_id"
                    + " where o.next_attempt_at <= ? and r.enabled order by o.next_attempt_at, o.id limit ?"
                    + " for update skip locked")) {
                q.setTimestamp(1, Timestamp.from(now), UTC);
                q.setInt(2, limit);
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        due.add(new OutboxEntry(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                EndpointType.of(rs.getString(4)),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getInt(9)));
                    }
                }
            }
            // leased: another instance skips them until the lease ends (then they are due again)
            if (!due.isEmpty()) {
                StringBuilder ids = new StringBuilder();
                due.forEach(e -> ids.append(ids.length() == 0 ? "" : ",").append(e.id()));
                try (PreparedStatement lease =
                        c.prepareStatement("update routing_outbox set next_attempt_at = ? where id in (" + ids + ")")) {
                    lease.setTimestamp(1, Timestamp.from(leaseUntil), UTC);
                    lease.executeUpdate();
                }
            }
        });
        return due;
    }

    @Override
    public void removeEntry(long id) {
        em.createNativeQuery("delete from routing_outbox where id = ?")
                .setParameter(1, id)
                .executeUpdate();
    }

    @Override
    public void retryLater(long id, String error, Instant next) {
        em.createNativeQuery(
                        "update routing_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where id = ?")
                .setParameter(1, error == null ? null : error.length() > 512 ? error.substring(0, 512) : error)
                .setParameter(2, Timestamp.from(next))
                .setParameter(3, id)
                .executeUpdate();
    }

    @Override
    public long pending(long ruleId) {
        return ((Number) em.createNativeQuery("select count(*) from routing_outbox where rule_id = ?")
                        .setParameter(1, ruleId)
                        .getSingleResult())
                .longValue();
    }
}
