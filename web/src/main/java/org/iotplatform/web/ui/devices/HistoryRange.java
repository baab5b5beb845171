package org.iotplatform.web.ui.devices;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.iotplatform.telemetry.Interval;

/** The time range and resolution the history chart reads, and which resolution suits a range by default. */
record HistoryRange(Instant from, Instant to, Resolution resolution) {

    HistoryRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'From' must be before 'To'");
        }
    }

    Duration length() {
        return Duration.between(from, to);
    }

    /** The picked resolution, or for {@link Resolution#AUTO} the one that fits the range's length. */
    Resolution effectiveResolution() {
        return resolution == Resolution.AUTO ? Resolution.automatic(length()) : resolution;
    }

    /** The quick choices, each ending now; {@link #CUSTOM} uses the date pickers. */
    enum Preset {
        LAST_HOUR("Last 1 h", Duration.ofHours(1)),
        LAST_DAY("Last 24 h", Duration.ofDays(1)),
        LAST_WEEK("Last 7 d", Duration.ofDays(7)),
        LAST_MONTH("Last 30 d", Duration.ofDays(30)),
        CUSTOM("Custom", null);

        private final String label;
        private final Duration length;

        Preset(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        String label() {
            return label;
        }

        Optional<Duration> length() {
            return Optional.ofNullable(length);
        }
    }

    /** Raw values or one of the stored rollups. */
    enum Resolution {
        AUTO("Automatic", null),
        RAW("Raw values", null),
        MINUTE("1 minute", Interval.MINUTE),
        HOUR("1 hour", Interval.HOUR),
        DAY("1 day", Interval.DAY);

        private final String label;
        private final Interval interval;

        Resolution(String label, Interval interval) {
            this.label = label;
            this.interval = interval;
        }

        String label() {
            return label;
        }

        /** The rollup to read, empty for raw values. */
        Optional<Interval> interval() {
            return Optional.ofNullable(interval);
        }

        /**
         * Enough points to see shape without sending the browser more than it can draw: raw up to
         * 2 hours, minutes up to 2 days (2,880 per metric), hours up to 60 days (1,440), else days.
         */
        static Resolution automatic(Duration range) {
            if (range.compareTo(Duration.ofHours(2)) <= 0) {
                return RAW;
            }
            if (range.compareTo(Duration.ofDays(2)) <= 0) {
                return MINUTE;
            }
            if (range.compareTo(Duration.ofDays(60)) <= 0) {
                return HOUR;
            }
            return DAY;
        }
    }
}
