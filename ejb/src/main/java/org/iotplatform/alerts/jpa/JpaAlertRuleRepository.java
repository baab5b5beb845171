package org.iotplatform.alerts.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.iotplatform.alerts.AlertRule;
import org.iotplatform.alerts.AlertRuleRepository;

@ApplicationScoped
public class JpaAlertRuleRepository implements AlertRuleRepository {

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public List<AlertRule> all() {
        return em.createQuery("select r from AlertRule r order by r.id", AlertRule.class)
                .getResultList();
    }

    @Override
    public List<Long> absenceRuleIds() {
        return em.createQuery(
                        "select r.id from AlertRule r where r.enabled = true and r.absence is not null order by r.id",
                        Long.class)
                .getResultList();
    }

    @Override
    public Optional<AlertRule> find(long id) {
        return Optional.ofNullable(em.find(AlertRule.class, id));
    }

    @Override
    public Optional<AlertRule> findByName(String name) {
        return em.createQuery("select r from AlertRule r where r.name = :n", AlertRule.class)
                .setParameter("n", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void store(AlertRule rule) {
        em.persist(rule);
        em.flush(); // the id, for the answer and the audit entry
    }

    @Override
    public void remove(AlertRule rule) {
        em.remove(rule);
    }

    @Override
    public Set<String> devicesTagged(String name, String value) {
        // the same match as the monitoring's tag queries: the registry's tag name and value
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery(
                        "select d.device_id from device d join device_tag t on t.device_pk = d.id"
                                + " where t.name = ? and t.value = ?")
                .setParameter(1, name)
                .setParameter(2, value)
                .getResultList();
        return new HashSet<>(ids);
    }
}
