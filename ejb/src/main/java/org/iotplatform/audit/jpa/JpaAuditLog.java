package org.iotplatform.audit.jpa;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

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

    @Override
    public List<AuditEntry> recent(int limit) {
        return em.createQuery("select e from AuditEntry e order by e.id desc", AuditEntry.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
