package org.iotplatform.registry.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.iotplatform.registry.ConnectionEvent;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.Device;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceQuery;
import org.iotplatform.registry.DeviceRepository;
import org.iotplatform.registry.DeviceRevocation;
import org.iotplatform.registry.Page;

@ApplicationScoped
public class JpaDeviceRepository implements DeviceRepository {

    /** MariaDB handles IN lists of this size well; longer ones go in chunks. */
    private static final int IN_CHUNK = 1000;

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public Optional<Device> find(DeviceId id) {
        return em.createQuery("select d from Device d where d.deviceId = :id", Device.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Device> findForUpdate(DeviceId id) {
        return em.createQuery("select d from Device d where d.deviceId = :id", Device.class)
                .setParameter("id", id)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<ConnectionState> connectionState(DeviceId id) {
        return em.createQuery("select d.connectionState from Device d where d.deviceId = :id", ConnectionState.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Device> findAll(Collection<DeviceId> ids) {
        List<Device> found = new ArrayList<>();
        for (List<DeviceId> chunk : chunks(ids)) {
            found.addAll(em.createQuery("select d from Device d where d.deviceId in :ids", Device.class)
                    .setParameter("ids", chunk)
                    .getResultList());
        }
        return found;
    }

    @Override
    public List<DeviceId> existing(Collection<DeviceId> ids) {
        List<DeviceId> found = new ArrayList<>();
        for (List<DeviceId> chunk : chunks(ids)) {
            found.addAll(em.createQuery("select d.deviceId from Device d where d.deviceId in :ids", DeviceId.class)
                    .setParameter("ids", chunk)
                    .getResultList());
        }
        return found;
    }

    private static List<List<DeviceId>> chunks(Collection<DeviceId> ids) {
        List<DeviceId> all = List.copyOf(ids);
        List<List<DeviceId>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }

    @Override
    public Page<Device> search(DeviceQuery query, int page, int pageSize) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        CriteriaQuery<Device> select = cb.createQuery(Device.class);
        Root<Device> device = select.from(Device.class);
        select.select(device).where(filters(cb, device, query)).orderBy(cb.asc(device.get("deviceId")));
        TypedQuery<Device> items =
                em.createQuery(select).setFirstResult(page * pageSize).setMaxResults(pageSize);

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<Device> counted = count.from(Device.class);
        count.select(cb.count(counted)).where(filters(cb, counted, query));

        return new Page<>(
                items.getResultList(), page, pageSize, em.createQuery(count).getSingleResult());
    }

    private static Predicate[] filters(CriteriaBuilder cb, Root<Device> device, DeviceQuery query) {
        List<Predicate> where = new ArrayList<>();
        query.status().ifPresent(s -> where.add(cb.equal(device.get("status"), s)));
        query.connectionState().ifPresent(c -> where.add(cb.equal(device.get("connectionState"), c)));
        query.idContains()
                .ifPresent(text -> where.add(
                        cb.like(device.get("deviceId").as(String.class), "%" + escapeLike(text) + "%", '\\')));
        query.tagName().ifPresent(name -> {
            MapJoin<Device, String, String> tag = device.joinMap("tags");
            where.add(cb.equal(tag.key(), name));
            query.tagValue().ifPresent(value -> where.add(cb.equal(tag.value(), value)));
        });
        return where.toArray(Predicate[]::new);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public List<Device> batchAfter(DeviceId afterId, int size) {
        TypedQuery<Device> q = afterId == null
                ? em.createQuery("select d from Device d order by d.deviceId", Device.class)
                : em.createQuery("select d from Device d where d.deviceId > :after order by d.deviceId", Device.class)
                        .setParameter("after", afterId);
        return q.setMaxResults(size).getResultList();
    }

    @Override
    public java.util.Map<DeviceId, Integer> retentionOverrides() {
        java.util.Map<DeviceId, Integer> overrides = new java.util.HashMap<>();
        for (Object[] row : em.createQuery(
                        "select d.deviceId, d.telemetryRetentionDays from Device d where d.telemetryRetentionDays is not null",
                        Object[].class)
                .getResultList()) {
            overrides.put((DeviceId) row[0], (Integer) row[1]);
        }
        return overrides;
    }

    @Override
    public void store(Device device) {
        em.persist(device);
    }

    @Override
    public void remove(Device device) {
        em.remove(device);
    }

    @Override
    public void revoke(DeviceRevocation revocation) {
        em.persist(revocation);
    }

    @Override
    public List<DeviceRevocation> revocationsAfter(long cursor, int limit) {
        return em.createQuery(
                        "select r from DeviceRevocation r where r.id > :cursor order by r.id", DeviceRevocation.class)
                .setParameter("cursor", cursor)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public long lastRevocationId() {
        Long max = em.createQuery("select max(r.id) from DeviceRevocation r", Long.class)
                .getSingleResult();
        return max == null ? 0 : max;
    }

    @Override
    public void record(ConnectionEvent event) {
        em.persist(event);
    }
}
