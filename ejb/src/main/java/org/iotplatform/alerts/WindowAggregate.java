package org.iotplatform.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A rule's condition read over a window of telemetry instead of one message: {@code avg}, {@code min},
 * {@code max} or {@code count} of each metric the condition names, over the last {@code window}
 * (sliding: judged at each batch's newest message) or over fixed windows aligned to the epoch
 * (tumbling: each window judged once, when the first message after it arrives). Computed from the
 * stored telemetry in the ingest transaction, so a restart loses no window.
 */
public record WindowAggregate(Function function, Duration window, boolean tumbling) {

    public enum Function {
        AVG,
        MIN,
        MAX,
        COUNT;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The SQL aggregate over {@code value}. */
        public String sql() {
            return this == COUNT ? "count(*)" : value() + "(value)";
        }
    }

    static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    static final Duration MAX_WINDOW = Duration.ofDays(1);

    public WindowAggregate {
        if (function == null) {
            throw new InvalidAlertRuleException("aggregate.function must be avg, min, max or count");
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidAlertRuleException(
                    "aggregate.window must be a duration from 1 second to 1 day, e.g. PT5M");
        }
    }

    /** From the operator's words; {@code mode} {@code sliding} (the default) or {@code tumbling}. */
    public static WindowAggregate of(String function, String window, String mode) {
        Function f = null;
        for (Function candidate : Function.values()) {
            if (candidate.value().equals(function)) {
                f = candidate;
            }
        }
        if (f == null) {
            throw new InvalidAlertRuleException("aggregate.function must be avg, min, max or count");
        }
        Duration w;
        try {
            w = window == null ? null : Duration.parse(window);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidAlertRuleException(
                    "aggregate.window is not an ISO-8601 duration such as PT5M: '" + window + "'");
        }
        if (mode != null && !mode.equals("sliding") && !mode.equals("tumbling")) {
            throw new InvalidAlertRuleException("aggregate.mode must be sliding or tumbling");
        }
        return new WindowAggregate(f, w, "tumbling".equals(mode));
    }

    public String mode() {
        return tumbling ? "tumbling" : "sliding";
    }

    /** The start of the tumbling window {@code at} falls in. */
    Instant windowStart(Instant at) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }

    @Override
    public String toString() {
        return function.value() + " over " + mode() + " " + window;
    }
}
