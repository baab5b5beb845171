package org.iotplatform.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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
    /** Counts invalidations, so an index loaded before one is not kept after it. */
    private final AtomicLong generation = new AtomicLong();

    Index current(long maxAgeNanos) {
        Index i = index;
        return i != null && System.nanoTime() - loadedAtNanos < maxAgeNanos ? i : null;
    }

    /** Read before loading the rules, for {@link #replace}. */
    long generation() {
        return generation.get();
    }

    /** Keeps {@code fresh} unless the rules changed since {@code loadedGeneration}. */
    synchronized void replace(Index fresh, long loadedGeneration) {
        if (generation.get() == loadedGeneration) {
            index = fresh;
            loadedAtNanos = System.nanoTime();
        }
    }

    synchronized void invalidate() {
        generation.incrementAndGet();
        index = null;
    }
}
