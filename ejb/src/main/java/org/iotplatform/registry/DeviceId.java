package org.iotplatform.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/** A device's identity: 1-128 characters of {@code A-Z a-z 0-9 - . _ :} (as IoT Hub allows). */
public record DeviceId(String value) implements Comparable<DeviceId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9\\-._:]{1,128}");

    public DeviceId {
        Objects.requireNonNull(value, "deviceId");
        if (!VALID.matcher(value).matches()) {
            throw new InvalidDeviceException(
                    "deviceId must be 1-128 characters of letters, digits, '-', '.', '_' or ':'");
        }
    }

    public static DeviceId of(String value) {
        if (value == null) {
            throw new InvalidDeviceException("deviceId is required");
        }
        return new DeviceId(value);
    }

    @Override
    public int compareTo(DeviceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
