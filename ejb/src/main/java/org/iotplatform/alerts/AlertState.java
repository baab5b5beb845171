package org.iotplatform.alerts;

import java.util.Locale;

/** What an operator sees: open (active, not acknowledged), acknowledged (active), cleared. */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED,
    CLEARED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertState of(String value) {
        for (AlertState s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        throw new InvalidAlertRequestException("state must be open, acknowledged or cleared; not '" + value + "'");
    }
}
