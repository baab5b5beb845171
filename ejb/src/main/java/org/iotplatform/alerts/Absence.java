package org.iotplatform.alerts;

import java.time.Duration;
import java.util.Locale;

/**
 * What an absence rule waits for instead of a condition: no telemetry from a device for
 * {@code after}, or a device disconnected for longer than {@code after}. Checked on a timer
 * ({@link AbsenceWatch}); telemetry that arrives clears a silence alert at once.
 */
public record Absence(Kind kind, Duration after) {

    public enum Kind {
        /** No telemetry stored for the device. */
        TELEMETRY,
        /** The device's connection is down. */
        CONNECTION;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String value) {
            return Kind.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofDays(30);

    public Absence {
        if (after == null || after.compareTo(MIN) < 0 || after.compareTo(MAX) > 0) {
            throw new InvalidAlertRuleException((kind == Kind.TELEMETRY ? "noTelemetryFor" : "disconnectedFor")
                    + " must be a duration from 1 second to 30 days, e.g. PT10M");
        }
    }

    /** The alert's "last value": how long it has been. */
    String describe(Duration sinceThen) {
        return "{\"" + (kind == Kind.TELEMETRY ? "silentForSeconds" : "disconnectedForSeconds") + "\":"
                + sinceThen.toSeconds() + "}";
    }

    @Override
    public String toString() {
        return kind == Kind.TELEMETRY ? "no telemetry for " + after : "disconnected for " + after;
    }
}
