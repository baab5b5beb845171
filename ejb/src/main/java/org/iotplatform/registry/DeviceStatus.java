package org.iotplatform.registry;

import java.util.Arrays;
import java.util.Locale;

/** Whether a device may connect. A disabled device keeps its identity and history. */
public enum DeviceStatus {
    ENABLED,
    DISABLED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceStatus of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value().equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidDeviceException("status must be enabled or disabled"));
    }
}
