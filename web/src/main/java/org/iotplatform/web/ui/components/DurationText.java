package org.iotplatform.web.ui.components;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people read them, in the largest unit that keeps the figure above one: "45 s",
 * "12.3 min", "5 h", "2.1 days". Model errors, training times and remaining useful life all use it,
 * so the dashboard says the same span the same way everywhere.
 */
public final class DurationText {

    private static final double MINUTE = 60;
    private static final double HOUR = 3_600;
    private static final double DAY = 86_400;

    private DurationText() {}

    /** {@code seconds} in readable units, one decimal at most ("2 days", not "2.0 days"). */
    public static String of(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "unknown";
        }
        double size = Math.abs(seconds);
        String sign = seconds < 0 ? "-" : "";
        if (size < MINUTE) {
            return sign + number(size) + " s";
        }
        if (size < HOUR) {
            return sign + number(size / MINUTE) + " min";
        }
        if (size < DAY) {
            return sign + number(size / HOUR) + " h";
        }
        String days = number(size / DAY);
        return sign + days + (days.equals("1") ? " day" : " days");
    }

    public static String of(Duration duration) {
        return of(duration.toMillis() / 1000.0);
    }

    /** What a remaining-useful-life estimate says: "about 3.2 days left", or "due now" once it is spent. */
    public static String left(double seconds) {
        return seconds <= 0 ? "due now" : "about " + of(seconds) + " left";
    }

    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
