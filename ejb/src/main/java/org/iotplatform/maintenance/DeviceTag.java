package org.iotplatform.maintenance;

import java.util.regex.Pattern;

/** A registry tag a model selects devices by, written {@code name:value} (e.g. {@code set:fd001-train}). */
public record DeviceTag(String name, String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    public DeviceTag {
        if (name == null || !NAME.matcher(name).matches() || value == null || value.isEmpty() || value.length() > 256) {
            throw new InvalidModelException("a device tag must be name:value, e.g. kind:pump");
        }
    }

    /** {@code name:value}, split at the first colon. */
    public static DeviceTag parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidModelException("a device tag must be name:value, e.g. kind:pump; not '" + text + "'");
        }
        return new DeviceTag(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return name + ":" + value;
    }
}
