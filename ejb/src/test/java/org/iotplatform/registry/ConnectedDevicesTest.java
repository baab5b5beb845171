package org.iotplatform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectedDevicesTest {

    private static final DeviceId PUMP = new DeviceId("pump-1");

    private final Map<DeviceId, ConnectionState> stored = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    private ConnectedDevices connectedDevices(long rememberMillis) {
        ConnectedDevices c = new ConnectedDevices();
        // only connectionState is asked; anything else would be a mistake of the class under test
        c.devices = (DeviceRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DeviceRepository.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("connectionState")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    reads.incrementAndGet();
                    return Optional.ofNullable(stored.get((DeviceId) args[0]));
                });
        c.clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now;
            }
        };
        c.rememberMillis = rememberMillis;
        return c;
    }

    @Test
    void aConnectedDeviceIsBelievedConnectedForAWhileWithoutAskingAgain() {
        ConnectedDevices c = connectedDevices(1000);
        stored.put(PUMP, ConnectionState.CONNECTED);
        assertTrue(c.isConnected(PUMP));
        assertTrue(c.isConnected(PUMP));
        assertEquals(1, reads.get());

        stored.put(PUMP, ConnectionState.DISCONNECTED); // recorded by another instance
        now = now.plusMillis(999);
        assertTrue(c.isConnected(PUMP), "still within the remembered second");
        now = now.plusMillis(1);
        assertFalse(c.isConnected(PUMP), "asked again once the second is over");
        assertEquals(2, reads.get());
    }

    @Test
    void aDisconnectForgetsAtOnceAndDisconnectedIsNeverRemembered() {
        ConnectedDevices c = connectedDevices(1000);
        stored.put(PUMP, ConnectionState.DISCONNECTED);
        assertFalse(c.isConnected(PUMP));
        stored.put(PUMP, ConnectionState.CONNECTED);
        assertTrue(c.isConnected(PUMP), "a device that just connected is seen at once");

        stored.put(PUMP, ConnectionState.DISCONNECTED);
        c.disconnected(new DeviceDisconnected(PUMP));
        assertFalse(c.isConnected(PUMP));
        assertEquals(3, reads.get());
    }

    @Test
    void unknownDevicesAreNotFoundAndZeroMeansAlwaysAsk() {
        ConnectedDevices c = connectedDevices(0);
        assertThrows(DeviceNotFoundException.class, () -> c.isConnected(new DeviceId("nobody")));
        stored.put(PUMP, ConnectionState.CONNECTED);
        c.isConnected(PUMP);
        c.isConnected(PUMP);
        assertEquals(3, reads.get());
    }
}
