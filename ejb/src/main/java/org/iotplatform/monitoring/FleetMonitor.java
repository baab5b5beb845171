package org.iotplatform.monitoring;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.Device;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.telemetry.TelemetryStore;

/**
 * The figures the operator dashboards show. Fleet-wide figures are aggregate queries (their cost does
 * not grow with what the view draws); per-device values are read only for the devices of one station
 * or the vending machines. Stations are the distinct values of the {@code station} tag; vending
 * machines are the devices tagged {@code kind=vending}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FleetMonitor {

    public static final String STATION_TAG = "station";
    public static final String KIND_TAG = "kind";
    static final int MAX_DEVICES_PER_VIEW = 500;

    @PersistenceContext(unitName = "iot")
    EntityManager em;

    @Inject
    TelemetryStore telemetry;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.vending.refill-at", defaultValue = "3")
    int refillAt;

    @Inject
    @ConfigProperty(name = "iot.vending.max-cabinet-temperature", defaultValue = "8.0")
    double maxCabinetTemperature;

    public FleetCounts counts() {
        long total = 0, connected = 0, disconnected = 0, disabled = 0;
        for (Object[] row : em.createQuery(
                        "select d.status, d.connectionState, count(d) from Device d group by d.status, d.connectionState",
                        Object[].class)
                .getResultList()) {
            long n = ((Number) row[2]).longValue();
            total += n;
            if (row[0] == DeviceStatus.DISABLED) {
                disabled += n;
            } else if (row[1] == ConnectionState.CONNECTED) {
                connected += n;
            } else {
                disconnected += n;
            }
        }
        return new FleetCounts(total, connected, disconnected, disabled);
    }

    /** Telemetry messages stored in the last {@code window} (by the database's UTC clock, which stamps {@code stored_at}). */
    public long messagesWithin(Duration window) {
        return ((Number) em.createNativeQuery(
                                "select count(*) from telemetry_message where stored_at >= utc_timestamp(3) - interval ? second")
                        .setParameter(1, window.toSeconds())
                        .getSingleResult())
                .longValue();
    }

    /** Messages refused (kept with their reason) in the last {@code window}. */
    public long rejectedWithin(Duration window) {
        return em.createQuery("select count(r) from RejectedMessage r where r.receivedAt >= :since", Long.class)
                .setParameter("since", clock.instant().minus(window))
                .getSingleResult();
    }

    /** Every station with its device counts, by name. */
    public List<StationSummary> stations() {
        Map<String, int[]> counts = new LinkedHashMap<>(); // devices, connected, disabled
        for (Object[] row : em.createQuery(
                        "select value(t), d.status, d.connectionState, count(d) from Device d join d.tags t"
                                + " where key(t) = :tag group by value(t), d.status, d.connectionState order by value(t)",
                        Object[].class)
                .setParameter("tag", STATION_TAG)
                .getResultList()) {
            int[] c = counts.computeIfAbsent((String) row[0], s -> new int[3]);
            int n = ((Number) row[3]).intValue();
            c[0] += n;
            if (row[1] == DeviceStatus.DISABLED) {
                c[2] += n;
            } else if (row[2] == ConnectionState.CONNECTED) {
                c[1] += n;
            }
        }
        List<StationSummary> stations = new ArrayList<>();
        counts.forEach((name, c) -> stations.add(new StationSummary(name, c[0], c[1], c[2])));
        return stations;
    }

    /** A station's devices with their latest values; empty when no device carries that station tag. */
    public Optional<StationStatus> station(String name) {
        List<DeviceSnapshot> devices = tagged(STATION_TAG, name).stream()
                .map(d -> DeviceSnapshot.of(d, telemetry.latest(d.deviceId())))
                .toList();
        return devices.isEmpty() ? Optional.empty() : Optional.of(new StationStatus(name, devices));
    }

    /** One device's snapshot (for live updates of a single tile). */
    public Optional<DeviceSnapshot> device(org.iotplatform.registry.DeviceId id) {
        return Optional.ofNullable(findDevice(id)).map(d -> DeviceSnapshot.of(d, telemetry.latest(d.deviceId())));
    }

    /** Vending machines with their stock assessed, those needing a visit first. */
    public List<VendingStatus> vendingMachines() {
        RefillRule rule = new RefillRule(refillAt, maxCabinetTemperature);
        return tagged(KIND_TAG, "vending").stream()
                .map(d -> rule.assess(DeviceSnapshot.of(d, telemetry.latest(d.deviceId()))))
                .sorted(java.util.Comparator.comparing((VendingStatus v) -> !(v.needsRefill() || v.tooWarm()))
                        .thenComparing(v -> v.machine().deviceId()))
                .toList();
    }

    /** How many devices carry {@code tag=value} (e.g. {@code kind=vending}). */
    public long countTagged(String tag, String value) {
        return em.createQuery(
                        "select count(d) from Device d join d.tags t where key(t) = :tag and value(t) = :value",
                        Long.class)
                .setParameter("tag", tag)
                .setParameter("value", value)
                .getSingleResult();
    }

    public RefillRule refillRule() {
        return new RefillRule(refillAt, maxCabinetTemperature);
    }

    private List<Device> tagged(String tag, String value) {
        return em.createQuery(
                        "select d from Device d join d.tags t where key(t) = :tag and value(t) = :value order by d.deviceId",
                        Device.class)
                .setParameter("tag", tag)
                .setParameter("value", value)
                .setMaxResults(MAX_DEVICES_PER_VIEW)
                .getResultList();
    }

    private Device findDevice(org.iotplatform.registry.DeviceId id) {
        return em.createQuery("select d from Device d where d.deviceId = :id", Device.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }
}
