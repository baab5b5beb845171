package org.iotplatform.gateway.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/** The device protocols the gateway speaks, as named in the internal API. */
public enum Protocol {
    MQTT,
    AMQP,
    /** The HTTPS telemetry endpoint (the protocol gateway), one request per message. */
    HTTP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
