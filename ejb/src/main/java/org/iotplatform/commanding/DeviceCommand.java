package org.iotplatform.commanding;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One command sent to a device and how it ended: the device page's command history. */
@Entity
@Table(name = "device_command")
public class DeviceCommand {

    /** What kind of command. */
    public enum Kind {
        method,
        message,
        desired
    }

    private static final int TEXT_LIMIT = 16_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "device_id", nullable = false, length = 128, updatable = false)
    private String deviceId;

    @Column(name = "kind", nullable = false, length = 16, updatable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Kind kind;

    @Column(name = "name", nullable = false, length = 128, updatable = false)
    private String name;

    @Column(name = "request", updatable = false)
    private String request;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "result_status")
    private Integer resultStatus;

    @Column(name = "result")
    private String result;

    @Column(name = "requested_by", nullable = false, length = 64, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    /** Cloud-to-device messages: when it stops being worth delivering. */
    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    /** Cloud-to-device messages: application properties, as JSON text. */
    @Column(name = "properties", updatable = false)
    private String properties;

    protected DeviceCommand() {
        // for JPA
    }

    public DeviceCommand(
            String deviceId, Kind kind, String name, String request, String requestedBy, Instant requestedAt) {
        this.deviceId = deviceId;
        this.kind = kind;
        this.name = clip(name, 128);
        this.request = clip(request, TEXT_LIMIT);
        this.requestedBy = clip(requestedBy == null ? "system" : requestedBy, 64);
        this.requestedAt = requestedAt;
        this.state = "pending";
    }

    /** A cloud-to-device message, queued until delivered or {@code expiresAt}. */
    public static DeviceCommand message(
            String deviceId,
            String messageId,
            String payload,
            String propertiesJson,
            String requestedBy,
            Instant requestedAt,
            Instant expiresAt) {
        DeviceCommand c = new DeviceCommand(deviceId, Kind.message, messageId, payload, requestedBy, requestedAt);
        c.state = "enqueued";
        c.properties = propertiesJson;
        c.expiresAt = expiresAt;
        return c;
    }

    /** How it ended: a state ({@code completed}, {@code timeout}, {@code failed}, ...) and the device's answer if any. */
    public DeviceCommand ended(String state, Integer status, String result, Instant at) {
        this.state = state;
        this.resultStatus = status;
        this.result = clip(result, TEXT_LIMIT);
        this.completedAt = at;
        return this;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public Long id() {
        return id;
    }

    public String deviceId() {
        return deviceId;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String request() {
        return request;
    }

    public String state() {
        return state;
    }

    public Integer resultStatus() {
        return resultStatus;
    }

    public String result() {
        return result;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String properties() {
        return properties;
    }
}
