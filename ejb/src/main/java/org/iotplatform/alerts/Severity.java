package org.iotplatform.alerts;

import java.util.Locale;

/** How bad an alert is, worst first. */
public enum Severity {
    CRITICAL,
    MAJOR,
    MINOR,
    WARNING;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of the two (the declaration order is the rank); null when both are. */
    public static Severity worse(Severity a, Severity b) {
        return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
    }

    public static Severity of(String value) {
        if (value != null) {
            for (Severity s : values()) {
                if (s.value().equals(value)) {
                    return s;
                }
            }
        }
        throw new InvalidAlertRuleException(
                "severity must be one of critical, major, minor, warning; not '" + value + "'");
    }
}
