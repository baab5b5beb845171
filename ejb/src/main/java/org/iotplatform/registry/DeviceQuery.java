package org.iotplatform.registry;

import java.util.Optional;

/** Which devices to list; empty parts match everything. {@code idContains} searches ids. */
public record DeviceQuery(
        Optional<DeviceStatus> status,
        Optional<ConnectionState> connectionState,
        Optional<String> tagName,
        Optional<String> tagValue,
        Optional<String> idContains) {

    public static DeviceQuery all() {
        return new DeviceQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Parses {@code name} or {@code name:value} (the REST {@code tag} parameter). */
    public static DeviceQuery withTag(DeviceQuery q, String tag) {
        if (tag == null || tag.isBlank()) {
            return q;
        }
        int colon = tag.indexOf(':');
        String name = colon < 0 ? tag : tag.substring(0, colon);
        Optional<String> value = colon < 0 ? Optional.empty() : Optional.of(tag.substring(colon + 1));
        return new DeviceQuery(q.status(), q.connectionState(), Optional.of(name), value, q.idContains());
    }
}
