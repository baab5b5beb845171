package org.iotplatform.gateway.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Devices revoked (disabled, deleted, keys changed) since a cursor, each with the incarnation revoked
 * (which device of that id: a new one when a device is deleted and created again), and the cursor to
 * ask from next. Without an incarnation every connection of the device is closed.
 */
public record RevocationBatch(long cursor, List<String> deviceIds, List<Revoked> revoked) {

    /** A revoked device incarnation (null: all of them). */
    public record Revoked(String deviceId, Long incarnation) {}

    public RevocationBatch {
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
        revoked = revoked == null ? List.of() : List.copyOf(revoked);
    }

    /** Every revoked device once, with its newest revoked incarnation (null when the platform named none). */
    public List<Revoked> all() {
        Map<String, Revoked> latest = new LinkedHashMap<>();
        for (Revoked r : revoked) {
            latest.merge(
                    r.deviceId(),
                    r,
                    (a, b) -> a.incarnation() == null || b.incarnation() == null
                            ? new Revoked(a.deviceId(), null)
                            : b.incarnation() > a.incarnation() ? b : a);
        }
        deviceIds.forEach(id -> latest.putIfAbsent(id, new Revoked(id, null)));
        return List.copyOf(latest.values());
    }
}
