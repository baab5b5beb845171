package org.iotplatform.operators.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.iotplatform.operators.AccountStatus;
import org.iotplatform.operators.OperatorAccount;
import org.iotplatform.operators.OperatorAccountRepository;
import org.iotplatform.operators.Role;
import org.iotplatform.operators.Username;

@ApplicationScoped
public class JpaOperatorAccountRepository implements OperatorAccountRepository {

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public Optional<OperatorAccount> find(Username username) {
        return em.createQuery("select a from OperatorAccount a where a.username = :u", OperatorAccount.class)
                .setParameter("u", username)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<OperatorAccount> findAll() {
        return em.createQuery("select a from OperatorAccount a order by a.username", OperatorAccount.class)
                .getResultList();
    }

    @Override
    public boolean anyEnabledWithRole(Role role) {
        return em.createQuery("select count(a) from OperatorAccount a where a.role = :r and a.status = :s", Long.class)
                        .setParameter("r", role)
                        .setParameter("s", AccountStatus.ENABLED)
                        .getSingleResult()
                > 0;
    }

    @Override
    public void store(OperatorAccount account) {
        em.persist(account);
    }
}
