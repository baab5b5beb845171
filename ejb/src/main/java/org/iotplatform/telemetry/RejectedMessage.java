package org.iotplatform.telemetry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.iotplatform.registry.DeviceId;

/** A device message that was not stored as telemetry, kept with the reason (payload truncated). */
@Entity
@Table(name = "rejected_message")
public class RejectedMessage {

    /** How much of a refused payload is kept: enough to see what the device sent. */
    public static final int KEPT_PAYLOAD_CHARS = 4096;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The id's text, as commanding and twin keep it: telemetry needs no part of the registry's JPA mapping. */
    @Column(name = "device_id", nullable = false, length = 128, updatable = false)
    private String deviceId;

    @Column(name = "message_id", length = 128, updatable = false)
    private String messageId;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "reason", nullable = false, length = 255, updatable = false)
    private String reason;

    @Column(name = "topic", length = 512, updatable = false)
    private String topic;

    @Column(name = "payload_size", nullable = false, updatable = false)
    private int payloadSize;

    @Column(name = "payload", length = KEPT_PAYLOAD_CHARS, updatable = false)
    private String payload;

    protected RejectedMessage() {
        // for JPA
    }

    public RejectedMessage(IncomingTelemetry in, String reason) {
        byte[] raw = in.payload() == null ? new byte[0] : in.payload();
        this.deviceId = in.deviceId() == null ? null : in.deviceId().value();
        this.messageId = in.messageId()
                .map(m -> m.length() > 128 ? m.substring(0, 128) : m)
                .orElse(null);
        this.receivedAt = in.receivedAt();
        this.reason = reason.length() > 255 ? reason.substring(0, 255) : reason;
        this.topic = in.topic() == null || in.topic().length() <= 512
                ? in.topic()
                : in.topic().substring(0, 512);
        this.payloadSize = raw.length;
        // lossy on purpose: invalid UTF-8 shows as U+FFFD, so the row is always readable text
        String text = new String(raw, 0, Math.min(raw.length, KEPT_PAYLOAD_CHARS), StandardCharsets.UTF_8);
        this.payload = text.length() > KEPT_PAYLOAD_CHARS ? text.substring(0, KEPT_PAYLOAD_CHARS) : text;
    }

    public long id() {
        return id;
    }

    public DeviceId deviceId() {
        return deviceId == null ? null : new DeviceId(deviceId);
    }

    public String messageId() {
        return messageId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }

    public int payloadSize() {
        return payloadSize;
    }

    public String payload() {
        return payload;
    }
}
