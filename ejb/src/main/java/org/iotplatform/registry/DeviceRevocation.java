package org.iotplatform.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.iotplatform.registry.jpa.DeviceIdConverter;

/**
 * A device whose live connections must end: disabled, deleted or re-keyed. Gateways read these
 * in order (by id, their cursor) and drop the device's connections.
 */
@Entity
@Table(name = "device_revocation")
public class DeviceRevocation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = DeviceIdConverter.class)
    @Column(name = "device_id", nullable = false, length = 128, updatable = false)
    private DeviceId deviceId;

    @Column(name = "reason", nullable = false, length = 32, updatable = false)
    private String reason;

    @Column(name = "revoked_at", nullable = false, updatable = false)
    private Instant revokedAt;

    /** The revoked device row's id (see {@link Device#incarnation()}). */
    @Column(name = "device_pk", updatable = false)
    private Long incarnation;

    protected DeviceRevocation() {
        // for JPA
    }

    public DeviceRevocation(Device device, String reason, Instant revokedAt) {
        this.deviceId = device.deviceId();
        this.incarnation = device.incarnation();
        this.reason = reason;
        this.revokedAt = revokedAt;
    }

    public long id() {
        return id;
    }

    public DeviceId deviceId() {
        return deviceId;
    }

    public String reason() {
        return reason;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    /** Null for revocations recorded before incarnations were: they concern every incarnation. */
    public Long incarnation() {
        return incarnation;
    }
}
