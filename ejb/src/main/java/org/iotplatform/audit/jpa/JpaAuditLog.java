package org.iotplatform.audit.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.hibernate.Session;
import org.iotplatform.audit.AuditEntry;
import org.iotplatform.audit.AuditLog;

@ApplicationScoped
public class JpaAuditLog implements AuditLog {

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public void append(AuditEntry entry) {
        em.persist(entry);
    }

    /** Plain JDBC batch: Hibernate sends identity-keyed inserts one at a time. */
    @Override
    public void appendAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into audit_entry (occurred_at, actor, action, target, detail) values (?, ?, ?, ?, ?)")) {
                for (AuditEntry e : entries) {
                    insert.setTimestamp(1, Timestamp.from(e.occurredAt()), utc);
                    insert.setString(2, e.actor());
                    insert.setString(3, e.action());
                    insert.setString(4, e.target());
                    insert.setString(5, e.detail());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return em.createQuery("select e from AuditEntry e order by e.id desc", AuditEntry.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
