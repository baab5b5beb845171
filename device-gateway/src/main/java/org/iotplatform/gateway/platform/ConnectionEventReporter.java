package org.iotplatform.gateway.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.protocol.gateway.ConnectionEvent;
import org.iotplatform.protocol.gateway.DeviceProtocol;

/**
 * Reports connects, disconnects and activity to the platform in batches (at least once a second).
 * Activity is coalesced per device so that lastActivityTime stays fresh without a write per message.
 * While the platform is down, events wait in a bounded queue; the oldest are dropped (and counted) when it fills.
 */
public class ConnectionEventReporter {

    private static final Logger LOG = Logger.getLogger(ConnectionEventReporter.class.getName());
    static final Duration ACTIVITY_INTERVAL = Duration.ofSeconds(5);
    private static final int MAX_BATCH = 1000;

    private final PlatformClient platform;
    private final Clock clock;
    private final int capacity;
    private final Deque<ConnectionEvent> pending = new ArrayDeque<>();
    private final Map<String, Instant> lastActivity = new ConcurrentHashMap<>();
    private long dropped;
    private boolean platformDown;
    private ScheduledFuture<?> schedule;

    public ConnectionEventReporter(PlatformClient platform, Clock clock, int capacity) {
        this.platform = platform;
        this.clock = clock;
        this.capacity = capacity;
    }

    public void start(ScheduledExecutorService timer, Duration every) {
        schedule = timer.scheduleWithFixedDelay(
                this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void connected(String deviceId, DeviceProtocol protocol, String remoteAddress) {
        lastActivity.remove(deviceId);
        enqueue(ConnectionEvent.of(
                deviceId, ConnectionEvent.Kind.CONNECTED, clock.instant(), protocol, null, remoteAddress));
    }

    public void disconnected(String deviceId, DeviceProtocol protocol, String remoteAddress, String reason) {
        lastActivity.remove(deviceId);
        enqueue(ConnectionEvent.of(
                deviceId, ConnectionEvent.Kind.DISCONNECTED, clock.instant(), protocol, reason, remoteAddress));
    }

    /** A device took (acknowledged) a cloud-to-device message, or refused it (AMQP devices can). */
    public void messageSettled(String deviceId, String messageId, boolean accepted, DeviceProtocol protocol) {
        enqueue(ConnectionEvent.settlement(deviceId, messageId, accepted, clock.instant(), protocol));
    }

    /** The device published something; reported at most once per device per {@link #ACTIVITY_INTERVAL}. */
    public void activity(String deviceId, DeviceProtocol protocol, String remoteAddress) {
        Instant now = clock.instant();
        Instant previous = lastActivity.get(deviceId);
        if (previous != null && now.isBefore(previous.plus(ACTIVITY_INTERVAL))) {
            return;
        }
        if (previous == null
                ? lastActivity.putIfAbsent(deviceId, now) == null
                : lastActivity.replace(deviceId, previous, now)) {
            enqueue(ConnectionEvent.of(deviceId, ConnectionEvent.Kind.ACTIVITY, now, protocol, null, remoteAddress));
        }
    }

    private synchronized void enqueue(ConnectionEvent event) {
        if (pending.size() >= capacity) {
            pending.pollFirst();
            dropped++;
        }
        pending.addLast(event);
    }

    /** Sends everything pending; on failure the batch goes back to the head of the queue. */
    public void flush() throws PlatformUnavailableException {
        while (true) {
            List<ConnectionEvent> batch = new ArrayList<>();
            long droppedNow;
            synchronized (this) {
                while (batch.size() < MAX_BATCH && !pending.isEmpty()) {
                    batch.add(pending.pollFirst());
                }
                droppedNow = dropped;
                dropped = 0;
            }
            if (droppedNow > 0) {
                LOG.warning("dropped " + droppedNow + " connection events: queue of " + capacity
                        + " full while the platform was unreachable");
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                platform.report(batch);
            } catch (PlatformUnavailableException e) {
                synchronized (this) {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        if (pending.size() >= capacity) {
                            dropped++;
                        } else {
                            pending.addFirst(batch.get(i));
                        }
                    }
                }
                throw e;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
            if (platformDown) {
                platformDown = false;
                LOG.info("connection events: platform reachable again, backlog delivered");
            }
        } catch (PlatformUnavailableException e) {
            if (!platformDown) {
                platformDown = true;
                LOG.warning("connection events: cannot reach the platform, keeping events to retry (" + e.getMessage()
                        + ")");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection events: unexpected failure", e);
        }
    }

    /** Stops the schedule and tries once more to deliver what is pending. */
    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        try {
            flush();
        } catch (PlatformUnavailableException e) {
            LOG.warning(
                    "connection events: " + pendingCount() + " events not delivered at shutdown: " + e.getMessage());
        }
    }

    public synchronized int pendingCount() {
        return pending.size();
    }
}
