package org.iotplatform.protocol.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET revocations?after=<cursor>}: devices revoked (disabled, deleted, keys changed) since a
 * cursor, each with the incarnation revoked, and the cursor to ask from next. {@code deviceIds} is for
 * gateways that read only that (they end every connection of those devices).
 */
public record Revocations(long cursor, List<String> deviceIds, List<Revoked> revoked) {

    /**
     * A revoked device incarnation: gateways end the connections that signed in as it (or as an older
     * one), and keep those of a device created again under the same id. Null: every connection.
     */
    public record Revoked(String deviceId, Long incarnation) {}

    public Revocations {
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
