package org.iotplatform.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where devices, their revocations and connection events are kept. */
public interface DeviceRepository {

    Optional<Device> find(DeviceId id);

    /** Only the connection state of a device (no entity, no tags): for checks on hot paths. */
    Optional<ConnectionState> connectionState(DeviceId id);

    List<Device> findAll(Collection<DeviceId> ids);

    /** Which of these ids exist already. */
    List<DeviceId> existing(Collection<DeviceId> ids);

    Page<Device> search(DeviceQuery query, int page, int pageSize);

    /** Devices in id order after {@code afterId} (exclusive; null = from the start), for export. */
    List<Device> batchAfter(DeviceId afterId, int size);

    void store(Device device);

    /** Devices with their own telemetry retention, in days. */
    java.util.Map<DeviceId, Integer> retentionOverrides();

    /** The device with its row locked for the rest of the transaction. */
    Optional<Device> findForUpdate(DeviceId id);

    void remove(Device device);

    void revoke(DeviceRevocation revocation);

    /** Revocations with an id greater than {@code cursor}, oldest first. */
    List<DeviceRevocation> revocationsAfter(long cursor, int limit);

    long lastRevocationId();

    void record(ConnectionEvent event);
}
