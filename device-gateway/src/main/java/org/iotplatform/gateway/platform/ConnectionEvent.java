package org.iotplatform.gateway.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/** One entry of {@code POST /api/v1/internal/gateway/connection-events}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionEvent(
        String deviceId,
        Kind event,
        Instant at,
        Protocol protocol,
        String reason,
        String remoteAddress,
        String messageId) {

    public ConnectionEvent(
            String deviceId, Kind event, Instant at, Protocol protocol, String reason, String remoteAddress) {
        this(deviceId, event, at, protocol, reason, remoteAddress, null);
    }

    /** Connection changes and activity; and what became of cloud-to-device messages (with {@code messageId}). */
    public enum Kind {
        CONNECTED,
        DISCONNECTED,
        ACTIVITY,
        MESSAGE_DELIVERED,
        MESSAGE_REJECTED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
