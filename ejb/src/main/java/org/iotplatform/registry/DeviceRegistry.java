package org.iotplatform.registry;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.audit.AuditTrail;

/**
 * Registers and provisions devices, decides which may connect, and keeps their connection state
 * from the gateways' reports. Every change by an operator is audited; every change that must end
 * live connections (disable, delete, new keys) is written as a revocation the gateways act on.
 */
@Stateless
public class DeviceRegistry {

    /** A gateway's question: may this device connect with this token? */
    /** {@code incarnation}: which device of that id was checked (see {@link Device#incarnation()}). */
    public record Authentication(boolean allowed, String reason, Instant expiresAt, Long incarnation) {
        static Authentication refused(String reason) {
            return new Authentication(false, reason, null, null);
        }
    }

    /** Which key(s) to replace. */
    public enum KeySelection {
        PRIMARY,
        SECONDARY,
        BOTH;

        public static KeySelection of(String value) {
            try {
                return valueOf(value == null ? "BOTH" : value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidDeviceException("key must be primary, secondary or both");
            }
        }
    }

    /** A gateway's report about one device. */
    public record ConnectionReport(
            String deviceId, String event, Instant at, String protocol, String reason, String remoteAddress) {}

    @Inject
    jakarta.enterprise.event.Event<DeviceConnected> connectedEvent;

    @Inject
    jakarta.enterprise.event.Event<DeviceDeleted> deletedEvent;

    @Inject
    jakarta.enterprise.event.Event<DeviceDisconnected> disconnectedEvent;

    @Inject
    DeviceRepository devices;

    @Inject
    ConnectedDevices connected;

    @Inject
    HubSettings hub;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Longest a SAS token may still be valid when presented: a token good until 2100 is a key by another name. */
    @Inject
    @ConfigProperty(name = "iot.registry.max-token-lifetime", defaultValue = "P30D")
    java.time.Duration maxTokenLifetime;

    public DeviceCredentials register(DeviceId id, Map<String, String> tags, DeviceStatus status, String actor) {
        if (devices.find(id).isPresent()) {
            throw new DeviceExistsException(id);
        }
        SymmetricKey primary = SymmetricKey.generate();
        SymmetricKey secondary = SymmetricKey.generate();
        DeviceKeyCipher cipher = hub.cipher();
        devices.store(new Device(
                id, status, cipher.encrypt(id, primary), cipher.encrypt(id, secondary), tags, clock.instant()));
        audit.record(actor, "device.created", id.value(), "status=" + status.value());
        return new DeviceCredentials(id, primary, secondary, hub.connectionString(id, primary));
    }

    public Optional<Device> find(DeviceId id) {
        return devices.find(id);
    }

    public Device get(DeviceId id) {
        return devices.find(id).orElseThrow(() -> new DeviceNotFoundException(id));
    }

    /**
     * The device, its row locked until the transaction ends: operators' changes then wait for the
     * gateways' connection reports (which update the same row) instead of failing on its version.
     */
    private Device getForUpdate(DeviceId id) {
        return devices.findForUpdate(id).orElseThrow(() -> new DeviceNotFoundException(id));
    }

    /** The device as the dashboard and the API show it. */
    public Optional<RegisteredDevice> findRegistered(DeviceId id) {
        return find(id).map(RegisteredDevice::of);
    }

    /** The device as the dashboard and the API show it; {@link DeviceNotFoundException} when there is none. */
    public RegisteredDevice getRegistered(DeviceId id) {
        return RegisteredDevice.of(get(id));
    }

    /** Largest page size of {@link #search}, and last page number (so that page * pageSize stays an int). */
    public static final int MAX_PAGE_SIZE = 1000;

    public static final int MAX_PAGE = 1_000_000;

    public Page<RegisteredDevice> search(DeviceQuery query, int page, int pageSize) {
        if (page < 0 || page > MAX_PAGE || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidDeviceException("page must be 0-" + MAX_PAGE + " and pageSize 1-" + MAX_PAGE_SIZE);
        }
        Page<Device> found = devices.search(query, page, pageSize);
        return new Page<>(
                found.items().stream().map(RegisteredDevice::of).toList(),
                found.page(),
                found.pageSize(),
                found.total());
    }

    public Device changeStatus(DeviceId id, DeviceStatus status, String actor) {
        Device device = getForUpdate(id);
        if (device.status() != status) {
            device.changeStatus(status, clock.instant());
            audit.record(actor, "device." + status.value(), id.value(), null);
            if (status == DeviceStatus.DISABLED) {
                devices.revoke(new DeviceRevocation(device, "disabled", clock.instant()));
                connected.forget(id);
            }
        }
        return device;
    }

    public Device replaceTags(DeviceId id, Map<String, String> tags, String actor) {
        Device device = getForUpdate(id);
        device.replaceTags(tags, clock.instant());
        audit.record(actor, "device.tags-changed", id.value(), String.valueOf(device.tags()));
        return device;
    }

    /** Days of raw telemetry kept for the device; empty: back to the global setting. */
    public Device changeTelemetryRetention(DeviceId id, Optional<Integer> days, String actor) {
        Device device = getForUpdate(id);
        device.changeTelemetryRetention(days, clock.instant());
        audit.record(
                actor,
                "device.retention-changed",
                id.value(),
                days.map(d -> d + " days").orElse("global"));
        return device;
    }

    /** The devices that keep raw telemetry longer or shorter than the global setting, with their days. */
    public Map<DeviceId, Integer> telemetryRetentionOverrides() {
        return devices.retentionOverrides();
    }

    public void delete(DeviceId id, String actor) {
        Device device = getForUpdate(id);
        devices.remove(device);
        devices.revoke(new DeviceRevocation(device, "deleted", clock.instant()));
        deletedEvent.fire(new DeviceDeleted(id));
        connected.forget(id);
        audit.record(actor, "device.deleted", id.value(), null);
    }

    public DeviceCredentials regenerateKeys(DeviceId id, KeySelection which, String actor) {
        Device device = getForUpdate(id);
        DeviceKeyCipher cipher = hub.cipher();
        SymmetricKey primary = which == KeySelection.SECONDARY
                ? cipher.decrypt(id, device.primaryKeyEncrypted())
                : SymmetricKey.generate();
        SymmetricKey secondary = which == KeySelection.PRIMARY
                ? cipher.decrypt(id, device.secondaryKeyEncrypted())
                : SymmetricKey.generate();
        device.replaceKeys(cipher.encrypt(id, primary), cipher.encrypt(id, secondary), clock.instant());
        // tokens signed with the old key must stop working on live connections too
        devices.revoke(new DeviceRevocation(device, "keys-regenerated", clock.instant()));
        audit.record(
                actor,
                "device.keys-regenerated",
                id.value(),
                "key=" + which.name().toLowerCase(java.util.Locale.ROOT));
        return new DeviceCredentials(id, primary, secondary, hub.connectionString(id, primary));
    }

    /** The device's keys in clear: admins only (export, re-provisioning). Audited. */
    public DeviceCredentials credentials(DeviceId id, String actor) {
        Device device = get(id);
        audit.record(actor, "device.keys-read", id.value(), null);
        return credentialsOf(device);
    }

    private DeviceCredentials credentialsOf(Device device) {
        DeviceKeyCipher cipher = hub.cipher();
        SymmetricKey primary = cipher.decrypt(device.deviceId(), device.primaryKeyEncrypted());
        SymmetricKey secondary = cipher.decrypt(device.deviceId(), device.secondaryKeyEncrypted());
        return new DeviceCredentials(
                device.deviceId(), primary, secondary, hub.connectionString(device.deviceId(), primary));
    }

    /** Records that {@code actor} exported every device's keys. */
    public void credentialsExported(String actor) {
        audit.record(actor, "device.exported", null, "with keys");
    }

    /** The next devices in id order after {@code after}, with their keys, for a streamed export. */
    public List<DeviceCredentialsAndDevice> exportBatch(DeviceId after, int size) {
        return devices.batchAfter(after, size).stream()
                .map(d -> new DeviceCredentialsAndDevice(RegisteredDevice.of(d), credentialsOf(d)))
                .toList();
    }

    public record DeviceCredentialsAndDevice(RegisteredDevice device, DeviceCredentials credentials) {}

    /**
     * Registers every line of one file, or none: all lines are checked first and every error is
     * reported with its line number.
     */
    public DeviceImport.Report importDevices(List<DeviceImport.Line> lines, String actor) {
        List<DeviceImport.LineError> errors = new ArrayList<>();
        Map<DeviceId, DeviceImport.Line> valid = new HashMap<>();
        record Parsed(
                DeviceId id,
                DeviceStatus status,
                SymmetricKey primary,
                SymmetricKey secondary,
                Map<String, String> tags) {}
        List<Parsed> parsed = new ArrayList<>();
        Set<DeviceId> seen = new HashSet<>();
        for (DeviceImport.Line line : lines) {
            try {
                DeviceId id = DeviceId.of(line.deviceId());
                if (!seen.add(id)) {
                    throw new InvalidDeviceException("deviceId appears more than once in the file");
                }
                DeviceStatus status = line.status() == null || line.status().isBlank()
                        ? DeviceStatus.ENABLED
                        : DeviceStatus.of(line.status());
                SymmetricKey primary =
                        blank(line.primaryKey()) ? SymmetricKey.generate() : SymmetricKey.fromBase64(line.primaryKey());
                SymmetricKey secondary = blank(line.secondaryKey())
                        ? SymmetricKey.generate()
                        : SymmetricKey.fromBase64(line.secondaryKey());
                parsed.add(new Parsed(id, status, primary, secondary, Device.validTags(line.tags())));
                valid.put(id, line);
            } catch (InvalidDeviceException e) {
                errors.add(new DeviceImport.LineError(line.line(), line.deviceId(), e.getMessage()));
            }
        }
        for (DeviceId taken : devices.existing(valid.keySet())) {
            DeviceImport.Line line = valid.get(taken);
            errors.add(new DeviceImport.LineError(line.line(), line.deviceId(), "device already exists"));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(DeviceImport.LineError::line));
            throw new ImportRejectedException(errors);
        }
        DeviceKeyCipher cipher = hub.cipher();
        Instant now = clock.instant();
        for (Parsed p : parsed) {
            devices.store(new Device(
                    p.id(),
                    p.status(),
                    cipher.encrypt(p.id(), p.primary()),
                    cipher.encrypt(p.id(), p.secondary()),
                    p.tags(),
                    now));
        }
        audit.record(actor, "device.imported", null, parsed.size() + " devices");
        return new DeviceImport.Report(parsed.size(), List.of());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Whether {@code deviceId} may connect with {@code token}; the reason is for logs, not devices. */
    public Authentication authenticate(String deviceId, String token) {
        DeviceId id;
        try {
            id = DeviceId.of(deviceId);
        } catch (InvalidDeviceException e) {
            return Authentication.refused("invalid device id");
        }
        Optional<SasToken> sas = SasToken.parse(token);
        if (sas.isEmpty()) {
            return Authentication.refused("malformed SAS token");
        }
        Optional<Device> device = devices.find(id);
        if (device.isEmpty()) {
            return Authentication.refused("unknown device");
        }
        if (!device.get().isEnabled()) {
            return Authentication.refused("device disabled");
        }
        DeviceCredentials keys = credentialsOf(device.get());
        SasToken.Verdict verdict =
                sas.get().verify(hub.hubHostname(), id, clock.instant(), keys.primaryKey(), keys.secondaryKey());
        return switch (verdict) {
            case VALID ->
                sas.get().expiry().isAfter(clock.instant().plus(maxTokenLifetime))
                        ? Authentication.refused("token valid for longer than the allowed " + maxTokenLifetime
                                + " (iot.registry.max-token-lifetime)")
                        : new Authentication(
                                true, "valid", sas.get().expiry(), device.get().incarnation());
            case EXPIRED -> Authentication.refused("token expired");
            case WRONG_RESOURCE -> Authentication.refused("token is for another resource");
            case BAD_SIGNATURE -> Authentication.refused("bad signature");
            case MALFORMED -> Authentication.refused("malformed SAS token");
        };
    }

    /** Revocations after {@code cursor}; the cursor to ask from next time is the last id returned. */
    public List<DeviceRevocation> revocationsAfter(long cursor, int limit) {
        return devices.revocationsAfter(cursor, limit);
    }

    public long revocationCursor() {
        return devices.lastRevocationId();
    }

    /**
     * Applies gateways' connection reports in one transaction. Reports for unknown devices are
     * dropped (a device deleted while connected); activity reports only move the last activity time.
     */
    public int recordConnectionEvents(List<ConnectionReport> reports) {
        List<DeviceId> ids = new ArrayList<>();
        for (ConnectionReport r : reports) {
            ids.add(DeviceId.of(r.deviceId()));
        }
        Map<DeviceId, Device> known = devices.findAll(new HashSet<>(ids)).stream()
                .collect(Collectors.toMap(Device::deviceId, Function.identity()));
        int applied = 0;
        for (ConnectionReport r : reports) {
            DeviceId id = DeviceId.of(r.deviceId());
            Device device = known.get(id);
            if (device == null) {
                continue;
            }
            ConnectionEvent.Kind kind = ConnectionEvent.Kind.of(r.event());
            Instant at = r.at() == null ? clock.instant() : r.at();
            switch (kind) {
                case CONNECTED -> {
                    device.connectionChanged(ConnectionState.CONNECTED, at);
                    if (device.connectionState() == ConnectionState.CONNECTED) {
                        connectedEvent.fire(new DeviceConnected(id)); // what waited for it goes out after commit
                    }
                }
                case DISCONNECTED -> {
                    device.connectionChanged(ConnectionState.DISCONNECTED, at);
                    if (device.connectionState() == ConnectionState.DISCONNECTED) {
                        disconnectedEvent.fire(new DeviceDisconnected(id));
                    }
                }
                case ACTIVITY -> device.active(at);
            }
            if (kind != ConnectionEvent.Kind.ACTIVITY) {
                devices.record(new ConnectionEvent(id, kind, at, r.protocol(), r.reason(), r.remoteAddress()));
            }
            applied++;
        }
        return applied;
    }
}
