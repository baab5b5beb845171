package org.iotplatform.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device's identity: 1-128 characters of {@code A-Z a-z 0-9 - . _ :} (as IoT Hub allows), except
 * {@code .} and {@code ..}, which HTTP clients turn into path navigation ({@code /devices/..}), so such
 * a device could not be addressed.
 */
public record DeviceId(String value) implements Comparable<DeviceId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9\\-._:]{1,128}");

    public DeviceId {
        Objects.requireNonNull(value, "deviceId");
        if (!VALID.matcher(value).matches()) {
            throw new InvalidDeviceException(
                    "deviceId must be 1-128 characters of letters, digits, '-', '.', '_' or ':'");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidDeviceException(
                    "deviceId cannot be '.' or '..': such a device could not be addressed over HTTP");
        }
    }

    public static DeviceId of(String value) {
        if (value == null) {
            throw new InvalidDeviceException("deviceId is required");
        }
        return new DeviceId(value);
    }

    /** The id, or empty when {@code value} is not one the registry accepts (for input read off the wire). */
    public static java.util.Optional<DeviceId> parse(String value) {
        try {
            return java.util.Optional.of(of(value));
        } catch (InvalidDeviceException e) {
            return java.util.Optional.empty();
        }
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
