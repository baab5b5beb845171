package org.iotplatform.protocol.gateway;

import java.util.Locale;
import java.util.Optional;

/** The device protocols the gateway speaks, as named in the internal API. */
public enum DeviceProtocol {
    MQTT,
    AMQP,
    /** The HTTPS telemetry endpoint (the protocol gateway), one request per message. */
    HTTP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceProtocol> fromWire(String name) {
        for (DeviceProtocol p : values()) {
            if (p.wireName().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
