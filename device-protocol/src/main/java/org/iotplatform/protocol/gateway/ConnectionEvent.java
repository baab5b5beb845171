package org.iotplatform.protocol.gateway;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of {@code POST connection-events}: a connection change or activity of a device, or what
 * became of a cloud-to-device message (with {@code messageId}). {@code event} and {@code protocol} are
 * wire names ({@link Kind#wireName()}, {@link DeviceProtocol#wireName()}).
 */
public record ConnectionEvent(
        String deviceId,
        String event,
        Instant at,
        String protocol,
        String reason,
        String remoteAddress,
        String messageId) {

    public enum Kind {
        CONNECTED,
        DISCONNECTED,
        ACTIVITY,
        MESSAGE_DELIVERED,
        MESSAGE_REJECTED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Kind> fromWire(String name) {
            for (Kind k : values()) {
                if (k.wireName().equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public static ConnectionEvent of(
            String deviceId, Kind kind, Instant at, DeviceProtocol protocol, String reason, String remoteAddress) {
        return new ConnectionEvent(deviceId, kind.wireName(), at, protocol.wireName(), reason, remoteAddress, null);
    }

    public static ConnectionEvent settlement(
            String deviceId, String messageId, boolean delivered, Instant at, DeviceProtocol protocol) {
        Kind kind = delivered ? Kind.MESSAGE_DELIVERED : Kind.MESSAGE_REJECTED;
        return new ConnectionEvent(deviceId, kind.wireName(), at, protocol.wireName(), null, null, messageId);
    }

    public Optional<Kind> kind() {
        return Kind.fromWire(event);
    }

    /** Whether it reports a cloud-to-device message's fate rather than the connection. */
    public boolean settles() {
        return Kind.MESSAGE_DELIVERED.wireName().equals(event)
                || Kind.MESSAGE_REJECTED.wireName().equals(event);
    }
}
