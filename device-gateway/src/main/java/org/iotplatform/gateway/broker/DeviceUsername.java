package org.iotplatform.gateway.broker;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that turns a login user name into a device id. Accepted forms (Azure IoT Hub's):
 * MQTT {@code <deviceId>} or {@code <hub>/<deviceId>/?api-version=...}; AMQP {@code <deviceId>} or
 * {@code <deviceId>@sas.<hub>}.
 */
public final class DeviceUsername {

    /** Device ids as the platform allows them: 1-128 of {@code A-Za-z0-9-._:}. */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final String hubHostname;

    public DeviceUsername(String hubHostname) {
        this.hubHostname = hubHostname;
    }

    public Optional<String> deviceIdForMqtt(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int slash = username.indexOf('/');
        if (slash < 0) {
            return valid(username);
        }
        String hub = username.substring(0, slash);
        String rest = username.substring(slash + 1);
        int next = rest.indexOf('/');
        if (!hubHostname.equalsIgnoreCase(hub) || next < 0) {
            return Optional.empty();
        }
        String tail = rest.substring(next + 1);
        if (!tail.isEmpty() && !tail.startsWith("?") && !tail.startsWith("api-version")) {
            return Optional.empty(); // module identities (hub/device/module/...) are not supported
        }
        return valid(rest.substring(0, next));
    }

    public Optional<String> deviceIdForAmqp(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int at = username.indexOf("@sas.");
        if (at < 0) {
            return valid(username);
        }
        String hub = username.substring(at + "@sas.".length());
        String shortHub = hubHostname.contains(".") ? hubHostname.substring(0, hubHostname.indexOf('.')) : hubHostname;
        if (!hub.equalsIgnoreCase(hubHostname) && !hub.equalsIgnoreCase(shortHub)) {
            return Optional.empty();
        }
        return valid(username.substring(0, at));
    }

    private static Optional<String> valid(String deviceId) {
        return DEVICE_ID.matcher(deviceId).matches() ? Optional.of(deviceId) : Optional.empty();
    }
}
