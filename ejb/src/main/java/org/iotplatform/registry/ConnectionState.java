package org.iotplatform.registry;

import java.util.Arrays;
import java.util.Locale;

/** Whether a device holds a live connection to a gateway, as the gateways last reported. */
public enum ConnectionState {
    CONNECTED,
    DISCONNECTED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConnectionState of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value().equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidDeviceException("connectionState must be connected or disconnected"));
    }
}
