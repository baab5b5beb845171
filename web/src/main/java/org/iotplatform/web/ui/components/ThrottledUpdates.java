package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects items from any thread (e.g. the telemetry ingest) and applies them to a UI in batches, at
 * most once per interval: a device sending 100 messages a second costs the browser two pushes a
 * second, and the ingest thread only enqueues. When the UI falls behind, the oldest items beyond
 * {@code capacity} are dropped rather than piling up in memory.
 */
public final class ThrottledUpdates<T> implements AutoCloseable {

    private final UI ui;
    private final DashboardExecutor executor;
    private final long intervalMillis;
    private final int capacity;
    private final Consumer<List<T>> apply;
    private final Runnable contextualFlush;
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastFlush;
    private volatile boolean closed;

    public ThrottledUpdates(
            UI ui, DashboardExecutor executor, Duration interval, int capacity, Consumer<List<T>> apply) {
        this.ui = ui;
        this.executor = executor;
        this.intervalMillis = interval.toMillis();
        this.capacity = capacity;
        this.apply = apply;
        // created on the UI's thread, so flushes run in the web module's context whoever offers
        this.contextualFlush = executor.contextual(this::flush);
    }

    /** Closed together with this, also when the UI turns out to be gone (a tab closed without detach). */
    public void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    /** Thread-safe; never blocks. */
    public void offer(T item) {
        if (closed) {
            return;
        }
        pending.add(item);
        if (size.incrementAndGet() > capacity && pending.poll() != null) {
            size.decrementAndGet();
        }
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlush + intervalMillis - System.currentTimeMillis());
            try {
                executor.schedule(contextualFlush, Duration.ofMillis(wait));
            } catch (RejectedExecutionException e) {
                scheduled.set(false); // server shutting down
            }
        }
    }

    private void flush() {
        lastFlush = System.currentTimeMillis();
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item; (item = pending.poll()) != null; ) {
            size.decrementAndGet();
            batch.add(item);
        }
        // checked again inside: the view may have moved on (closed this) while the command was queued
        if (!batch.isEmpty()
                && !closed
                && !DashboardExecutor.access(ui, () -> {
                    if (!closed) {
                        apply.accept(batch);
                    }
                })) {
            close();
        }
    }

    @Override
    public void close() {
        closed = true;
        pending.clear();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                Logger.getLogger(ThrottledUpdates.class.getName())
                        .log(Level.FINE, "closing " + resource + " failed", e);
            }
        }
        resources.clear();
    }
}
