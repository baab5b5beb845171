package org.iotplatform.twin.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.iotplatform.twin.DeviceTwin;
import org.iotplatform.twin.DeviceTwinRepository;

@ApplicationScoped
public class JpaDeviceTwinRepository implements DeviceTwinRepository {

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public Optional<DeviceTwin> find(String deviceId) {
        return Optional.ofNullable(em.find(DeviceTwin.class, deviceId));
    }

    @Override
    public Optional<DeviceTwin> findForUpdate(String deviceId) {
        return Optional.ofNullable(em.find(DeviceTwin.class, deviceId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void store(DeviceTwin twin) {
        em.persist(twin);
    }

    @Override
    public void flush() {
        em.flush();
    }
}
