package org.iotplatform.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enabled rules by the devices they watch, held in memory so the ingest finds a message's rules
 * without a query. Tag rules are resolved to their devices when loaded. Replaced on every rule change
 * in this instance and reloaded when older than {@code iot.alerts.rules-refresh}, for changes through
 * other instances and devices tagged since.
 */
@ApplicationScoped
public class WatchedRules {

    /** Which rules watch which device. */
    public static final class Index {

        private final Map<Long, RuleCheck> byId = new HashMap<>();
        private final Map<String, List<RuleCheck>> byDevice = new HashMap<>();
        private final List<RuleCheck> forAll = new ArrayList<>();

        /** @param devices the devices the rule watches; ignored for a rule on all devices */
        public void add(RuleCheck rule, Set<String> devices) {
            byId.put(rule.id(), rule);
            if (rule.devices().all()) {
                forAll.add(rule);
            } else {
                devices.forEach(
                        d -> byDevice.computeIfAbsent(d, k -> new ArrayList<>()).add(rule));
            }
        }

        public boolean isEmpty() {
            return byId.isEmpty();
        }

        public List<RuleCheck> watching(String deviceId) {
            List<RuleCheck> own = byDevice.getOrDefault(deviceId, List.of());
            if (forAll.isEmpty()) {
                return own;
            }
            List<RuleCheck> all = new ArrayList<>(own);
            all.addAll(forAll);
            return all;
        }

        public RuleCheck rule(long id) {
            return byId.get(id);
        }
    }

    private volatile Index index;
    private volatile long loadedAtNanos;

    Index current(long maxAgeNanos) {
        Index i = index;
        return i != null && System.nanoTime() - loadedAtNanos < maxAgeNanos ? i : null;
    }

    void replace(Index fresh) {
        index = fresh;
        loadedAtNanos = System.nanoTime();
    }

    void invalidate() {
        index = null;
    }
}
