package org.iotplatform.registry;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hibernate.annotations.BatchSize;
import org.iotplatform.registry.jpa.ConnectionStateConverter;
import org.iotplatform.registry.jpa.DeviceIdConverter;
import org.iotplatform.registry.jpa.DeviceStatusConverter;

/**
 * A registered device: its identity, whether it may connect, its two keys (encrypted; either
 * signs valid tokens, so keys can be rolled without downtime), its tags and connection state.
 */
@Entity
@Table(name = "device")
public class Device {

    public static final int MAX_TAGS = 32;
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final int MAX_TAG_VALUE = 256;
    private static final int MAX_RETENTION_DAYS = 3650;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "device_seq")
    @SequenceGenerator(name = "device_seq", sequenceName = "device_seq", allocationSize = 50)
    private Long id;

    @Convert(converter = DeviceIdConverter.class)
    @Column(name = "device_id", nullable = false, length = 128, updatable = false)
    private DeviceId deviceId;

    @Convert(converter = DeviceStatusConverter.class)
    @Column(name = "status", nullable = false, length = 16)
    private DeviceStatus status;

    /** Encrypted with {@link DeviceKeyCipher}; never the key itself. */
    @Column(name = "primary_key_enc", nullable = false, length = 255)
    private String primaryKeyEncrypted;

    @Column(name = "secondary_key_enc", nullable = false, length = 255)
    private String secondaryKeyEncrypted;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "device_tag", joinColumns = @JoinColumn(name = "device_pk"))
    @MapKeyColumn(name = "name", length = 64)
    @Column(name = "value", length = MAX_TAG_VALUE, nullable = false)
    @BatchSize(size = 100)
    private Map<String, String> tags = new TreeMap<>();

    @Convert(converter = ConnectionStateConverter.class)
    @Column(name = "connection_state", nullable = false, length = 16)
    private ConnectionState connectionState;

    @Column(name = "connection_state_updated_at")
    private Instant connectionStateUpdatedAt;

    @Column(name = "last_activity_time")
    private Instant lastActivityTime;

    /** Days of raw telemetry kept for this device; null: the global setting. */
    @Column(name = "telemetry_retention_days")
    private Integer telemetryRetentionDays;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Device() {
        // for JPA
    }

    public Device(
            DeviceId deviceId,
            DeviceStatus status,
            String primaryKeyEncrypted,
            String secondaryKeyEncrypted,
            Map<String, String> tags,
            Instant now) {
        this.deviceId = Objects.requireNonNull(deviceId);
        this.status = Objects.requireNonNull(status);
        this.primaryKeyEncrypted = Objects.requireNonNull(primaryKeyEncrypted);
        this.secondaryKeyEncrypted = Objects.requireNonNull(secondaryKeyEncrypted);
        this.tags = validTags(tags);
        this.connectionState = ConnectionState.DISCONNECTED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Tag names 1-64 of {@code A-Z a-z 0-9 _ . -}, values up to 256 characters, at most 32 tags. */
    public static TreeMap<String, String> validTags(Map<String, String> tags) {
        TreeMap<String, String> valid = new TreeMap<>();
        if (tags == null) {
            return valid;
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidDeviceException("at most " + MAX_TAGS + " tags per device");
        }
        tags.forEach((name, value) -> {
            if (name == null || !TAG_NAME.matcher(name).matches()) {
                throw new InvalidDeviceException(
                        "tag names must be 1-64 characters of letters, digits, '_', '.' or '-'");
            }
            if (value == null || value.length() > MAX_TAG_VALUE) {
                throw new InvalidDeviceException(
                        "tag '" + name + "' needs a value of at most " + MAX_TAG_VALUE + " characters");
            }
            valid.put(name, value);
        });
        return valid;
    }

    public void changeStatus(DeviceStatus newStatus, Instant now) {
        this.status = Objects.requireNonNull(newStatus);
        this.updatedAt = now;
    }

    public void replaceTags(Map<String, String> newTags, Instant now) {
        TreeMap<String, String> valid = validTags(newTags);
        this.tags.clear();
        this.tags.putAll(valid);
        this.updatedAt = now;
    }

    public void replaceKeys(String primaryEncrypted, String secondaryEncrypted, Instant now) {
        this.primaryKeyEncrypted = Objects.requireNonNull(primaryEncrypted);
        this.secondaryKeyEncrypted = Objects.requireNonNull(secondaryEncrypted);
        this.updatedAt = now;
    }

    /**
     * Applies a gateway's report. Reports can arrive out of order (several gateways, retries):
     * an older report than the one applied last is ignored.
     */
    public void connectionChanged(ConnectionState state, Instant at) {
        if (connectionStateUpdatedAt != null && at.isBefore(connectionStateUpdatedAt)) {
            return;
        }
        this.connectionState = state;
        this.connectionStateUpdatedAt = at;
        active(at);
    }

    public void active(Instant at) {
        if (lastActivityTime == null || at.isAfter(lastActivityTime)) {
            lastActivityTime = at;
        }
    }

    /** Days of raw telemetry to keep for this device (1 to 3650), or empty for the global setting. */
    public void changeTelemetryRetention(Optional<Integer> days, Instant now) {
        if (days.isPresent() && (days.get() < 1 || days.get() > MAX_RETENTION_DAYS)) {
            throw new InvalidDeviceException(
                    "telemetryRetentionDays must be 1 to " + MAX_RETENTION_DAYS + " (0 for the global setting)");
        }
        telemetryRetentionDays = days.orElse(null);
        updatedAt = now;
    }

    public Optional<Integer> telemetryRetentionDays() {
        return Optional.ofNullable(telemetryRetentionDays);
    }

    public boolean isEnabled() {
        return status == DeviceStatus.ENABLED;
    }

    /**
     * Which device of this id this is: the row's id, new when a device is deleted and created again
     * under the same id. Revocations name it, so they do not end a newer device's connections.
     */
    public long incarnation() {
        return id;
    }

    public DeviceId deviceId() {
        return deviceId;
    }

    public DeviceStatus status() {
        return status;
    }

    public String primaryKeyEncrypted() {
        return primaryKeyEncrypted;
    }

    public String secondaryKeyEncrypted() {
        return secondaryKeyEncrypted;
    }

    public Map<String, String> tags() {
        return java.util.Collections.unmodifiableMap(tags);
    }

    public ConnectionState connectionState() {
        return connectionState;
    }

    public Instant lastActivityTime() {
        return lastActivityTime;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
