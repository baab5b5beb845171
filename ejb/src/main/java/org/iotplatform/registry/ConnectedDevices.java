package org.iotplatform.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a device is connected now, as every direct method asks before it is sent. A device read as
 * connected is believed so for {@code iot.methods.connection-cache-ms} (default 1 s) without asking the
 * database again; a disconnect that this platform instance records forgets it at once. Only
 * "connected" is remembered, so a device that has just connected is seen at once. A disconnect recorded
 * by another instance shows here within that time; a call sent meanwhile ends in its time-out instead
 * of failing at once. A query per call was a tenth of the server's CPU at hundreds of calls a second.
 */
@ApplicationScoped
public class ConnectedDevices {

    /** Beyond this many remembered devices, the expired are swept out (and all, if that is not enough). */
    static final int MAX_REMEMBERED = 100_000;

    @Inject
    DeviceRepository devices;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.methods.connection-cache-ms", defaultValue = "1000")
    long rememberMillis;

    /** Device -> until when (epoch millis) it counts as connected without asking again. */
    private final Map<DeviceId, Long> connectedUntil = new ConcurrentHashMap<>();

    /** @throws DeviceNotFoundException no such device */
    public boolean isConnected(DeviceId id) {
        long now = clock.millis();
        Long until = connectedUntil.get(id);
        if (until != null && now < until) {
            return true;
        }
        boolean connected = devices.connectionState(id).orElseThrow(() -> new DeviceNotFoundException(id))
                == ConnectionState.CONNECTED;
        if (connected && rememberMillis > 0) {
            if (connectedUntil.size() >= MAX_REMEMBERED) {
                sweep(now);
            }
            connectedUntil.put(id, now + rememberMillis);
        } else {
            connectedUntil.remove(id);
        }
        return connected;
    }

    /** The device was disabled or deleted: the next question goes to the database. */
    public void forget(DeviceId id) {
        connectedUntil.remove(id);
    }

    /** After the commit: a read between the disconnect and its commit may have remembered it connected. */
    void disconnected(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceDisconnected event) {
        forget(event.deviceId());
    }

    private void sweep(long now) {
        connectedUntil.values().removeIf(until -> until <= now);
        if (connectedUntil.size() >= MAX_REMEMBERED) {
            connectedUntil.clear();
        }
    }
}
