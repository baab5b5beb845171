package org.iotplatform.telemetry;

import java.time.Instant;

/** A refused device message as the dashboard and the API show it: what arrived, when, and why it was refused. */
public record RejectedMessageDetails(
        long id,
        String deviceId,
        String messageId,
        Instant receivedAt,
        String reason,
        String topic,
        int payloadSize,
        String payload) {

    /** How much of a refused payload is kept: a payload of more than this many bytes is cut. */
    public static final int KEPT_PAYLOAD_CHARS = RejectedMessage.KEPT_PAYLOAD_CHARS;

    static RejectedMessageDetails of(RejectedMessage r) {
        return new RejectedMessageDetails(
                r.id(),
                r.deviceId().value(),
                r.messageId(),
                r.receivedAt(),
                r.reason(),
                r.topic(),
                r.payloadSize(),
                r.payload());
    }
}
