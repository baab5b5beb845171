package org.iotplatform.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.registry.DeviceId;

/**
 * Telemetry as it is committed, for live views in this instance: listeners per device and for the
 * whole stream. Listeners run on the ingest thread and must hand work off at once (e.g. Vaadin's
 * {@code ui.access}); a failing listener is logged and does not affect the others or the ingest.
 */
@ApplicationScoped
public class TelemetryFeed {

    private static final Logger LOG = Logger.getLogger(TelemetryFeed.class.getName());

    /** Returned by the subscribe methods; close it to stop listening. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<DeviceId, Set<Consumer<TelemetryMessage>>> byDevice = new ConcurrentHashMap<>();
    private final Set<Consumer<List<TelemetryMessage>>> all = new CopyOnWriteArraySet<>();

    public Subscription subscribe(DeviceId device, Consumer<TelemetryMessage> listener) {
        byDevice.computeIfAbsent(device, d -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> byDevice.computeIfPresent(device, (d, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Every committed batch of messages, e.g. for fleet-wide message rates. */
    public Subscription subscribeAll(Consumer<List<TelemetryMessage>> listener) {
        all.add(listener);
        return () -> all.remove(listener);
    }

    /** Called once the messages are durable. */
    void published(List<TelemetryMessage> committed) {
        if (committed.isEmpty()) {
            return;
        }
        for (Consumer<List<TelemetryMessage>> listener : all) {
            deliver(listener, committed);
        }
        if (byDevice.isEmpty()) {
            return;
        }
        for (TelemetryMessage m : committed) {
            Set<Consumer<TelemetryMessage>> listeners = byDevice.get(m.deviceId());
            if (listeners != null) {
                listeners.forEach(l -> deliver(l, m));
            }
        }
    }

    private static <T> void deliver(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "telemetry listener failed", e);
        }
    }
}
