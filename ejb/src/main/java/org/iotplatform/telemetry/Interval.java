package org.iotplatform.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rollup periods history can be read at: one minute, one hour, one day (UTC). */
public enum Interval {
    MINUTE("1m", ChronoUnit.MINUTES),
    HOUR("1h", ChronoUnit.HOURS),
    DAY("1d", ChronoUnit.DAYS);

    private final String code;
    private final ChronoUnit unit;

    Interval(String code, ChronoUnit unit) {
        this.code = code;
        this.unit = unit;
    }

    /** {@code 1m}, {@code 1h} or {@code 1d}: the code in the API and in the rollup table. */
    public String code() {
        return code;
    }

    public Duration length() {
        return unit.getDuration();
    }

    /** The start of the bucket {@code t} falls in. */
    public Instant bucketOf(Instant t) {
        return t.truncatedTo(unit);
    }

    public static Interval of(String code) {
        for (Interval i : values()) {
            if (i.code.equals(code)) {
                return i;
            }
        }
        throw new org.iotplatform.registry.InvalidDeviceException("interval must be 1m, 1h or 1d, not '" + code + "'");
    }
}
