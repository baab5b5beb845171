package org.iotplatform.web.ui;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Where the search box takes the operator: {@code station:<name>} (or {@code station=<name>}) to the
 * station; any other {@code tag:value} to the devices with that tag; an existing device id to its
 * page; anything else to the devices whose id contains the text.
 */
public record SearchTarget(Kind kind, String value) {

    public enum Kind {
        STATION,
        TAG,
        DEVICE,
        ID_CONTAINS,
        NOTHING
    }

    public static SearchTarget of(String typed, Predicate<String> deviceExists) {
        String text = typed == null ? "" : typed.trim();
        if (text.isEmpty()) {
            return new SearchTarget(Kind.NOTHING, "");
        }
        int sep = firstSeparator(text);
        if (sep > 0) {
            String name = text.substring(0, sep).trim();
            String value = text.substring(sep + 1).trim();
            if (name.toLowerCase(Locale.ROOT).equals("station") && !value.isEmpty()) {
                return new SearchTarget(Kind.STATION, value);
            }
            return new SearchTarget(Kind.TAG, value.isEmpty() ? name : name + ":" + value);
        }
        return deviceExists.test(text) ? new SearchTarget(Kind.DEVICE, text) : new SearchTarget(Kind.ID_CONTAINS, text);
    }

    private static int firstSeparator(String text) {
        int colon = text.indexOf(':');
        int equals = text.indexOf('=');
        return colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
    }
}
