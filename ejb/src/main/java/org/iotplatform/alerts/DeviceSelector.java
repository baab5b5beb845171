package org.iotplatform.alerts;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which devices a rule watches: one device, the devices carrying a tag ({@code kind:pump}, matched as
 * the registry stores tags: name and value), or all of them.
 */
public record DeviceSelector(String deviceId, String tagName, String tagValue, boolean all) {

    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    public DeviceSelector {
        int given = (deviceId != null ? 1 : 0) + (tagName != null ? 1 : 0) + (all ? 1 : 0);
        if (given != 1) {
            throw new InvalidAlertRuleException(
                    "devices must be exactly one of {\"deviceId\":\"...\"}, {\"tag\":\"name:value\"} or {\"all\":true}");
        }
        if (deviceId != null && (deviceId.isBlank() || deviceId.length() > 128)) {
            throw new InvalidAlertRuleException("devices.deviceId must be 1-128 characters");
        }
        if (tagName != null
                && (!TAG_NAME.matcher(tagName).matches()
                        || tagValue == null
                        || tagValue.isEmpty()
                        || tagValue.length() > 256)) {
            throw new InvalidAlertRuleException("devices.tag must be name:value, e.g. kind:pump");
        }
    }

    public static DeviceSelector device(String deviceId) {
        return new DeviceSelector(deviceId, null, null, false);
    }

    /** {@code name:value}, split at the first colon. */
    public static DeviceSelector tag(String tag) {
        int colon = tag == null ? -1 : tag.indexOf(':');
        if (colon <= 0) {
            throw new InvalidAlertRuleException("devices.tag must be name:value, e.g. kind:pump");
        }
        return new DeviceSelector(null, tag.substring(0, colon), tag.substring(colon + 1), false);
    }

    public static DeviceSelector allDevices() {
        return new DeviceSelector(null, null, null, true);
    }

    public boolean watches(String device, Map<String, String> tags) {
        if (all) {
            return true;
        }
        if (deviceId != null) {
            return deviceId.equals(device);
        }
        return tagValue.equals(tags.get(tagName));
    }

    public String tag() {
        return tagName == null ? null : tagName + ":" + tagValue;
    }

    @Override
    public String toString() {
        return all ? "all devices" : deviceId != null ? "device " + deviceId : "tag " + tag();
    }
}
