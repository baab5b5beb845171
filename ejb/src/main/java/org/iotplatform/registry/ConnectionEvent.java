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

/** A device connecting to or disconnecting from a gateway, as the gateway reported it. */
@Entity
@Table(name = "device_connection_event")
public class ConnectionEvent {

    /** What happened. {@code ACTIVITY} reports (coalesced by the gateway) only refresh the last activity time. */
    public enum Kind {
        CONNECTED,
        DISCONNECTED,
        ACTIVITY;

        public static Kind of(String value) {
            try {
                return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidDeviceException("event must be connected, disconnected or activity");
            }
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = DeviceIdConverter.class)
    @Column(name = "device_id", nullable = false, length = 128, updatable = false)
    private DeviceId deviceId;

    @Column(name = "event", nullable = false, length = 16, updatable = false)
    private String event;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "protocol", length = 16, updatable = false)
    private String protocol;

    @Column(name = "reason", length = 255, updatable = false)
    private String reason;

    @Column(name = "remote_address", length = 64, updatable = false)
    private String remoteAddress;

    protected ConnectionEvent() {
        // for JPA
    }

    public ConnectionEvent(
            DeviceId deviceId, Kind kind, Instant occurredAt, String protocol, String reason, String remoteAddress) {
        this.deviceId = deviceId;
        this.event = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.occurredAt = occurredAt;
        this.protocol = clip(protocol, 16);
        this.reason = clip(reason, 255);
        this.remoteAddress = clip(remoteAddress, 64);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public DeviceId deviceId() {
        return deviceId;
    }

    public Kind kind() {
        return Kind.of(event);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String protocol() {
        return protocol;
    }

    public String reason() {
        return reason;
    }

    public String remoteAddress() {
        return remoteAddress;
    }
}
