package org.iotplatform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static Device device() {
        return new Device(
                new DeviceId("pump-001"), DeviceStatus.ENABLED, "v1:a", "v1:b", Map.of("station", "north"), T0);
    }

    @Test
    void idsFollowIotHubRules() {
        new DeviceId("a");
        new DeviceId("pump-001.station_7:north");
        new DeviceId("x".repeat(128));
        assertThrows(InvalidDeviceException.class, () -> new DeviceId(""));
        assertThrows(InvalidDeviceException.class, () -> new DeviceId("x".repeat(129)));
        assertThrows(InvalidDeviceException.class, () -> new DeviceId("pump/001"));
        assertThrows(InvalidDeviceException.class, () -> new DeviceId("pump 001"));
        assertThrows(InvalidDeviceException.class, () -> new DeviceId("pump#1"));
        assertThrows(InvalidDeviceException.class, () -> DeviceId.of(null));
    }

    @Test
    void startsDisconnectedAndFollowsReportsInTimeOrder() {
        Device d = device();
        assertEquals(ConnectionState.DISCONNECTED, d.connectionState());
        d.connectionChanged(ConnectionState.CONNECTED, T0.plusSeconds(10));
        d.connectionChanged(ConnectionState.DISCONNECTED, T0.plusSeconds(5)); // late report of an older event
        assertEquals(ConnectionState.CONNECTED, d.connectionState());
        assertEquals(T0.plusSeconds(10), d.lastActivityTime());
        d.active(T0.plusSeconds(30));
        d.active(T0.plusSeconds(20));
        assertEquals(T0.plusSeconds(30), d.lastActivityTime());
        d.connectionChanged(ConnectionState.DISCONNECTED, T0.plusSeconds(40));
        assertEquals(ConnectionState.DISCONNECTED, d.connectionState());
    }

    @Test
    void tagsAreChecked() {
        assertThrows(InvalidDeviceException.class, () -> Device.validTags(Map.of("bad name", "x")));
        assertThrows(InvalidDeviceException.class, () -> Device.validTags(Map.of("k", "v".repeat(257))));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 33; i++) {
            many.put("t" + i, "v");
        }
        assertThrows(InvalidDeviceException.class, () -> Device.validTags(many));
        Device d = device();
        d.replaceTags(Map.of("kind", "pump"), T0.plusSeconds(1));
        assertEquals(Map.of("kind", "pump"), d.tags());
    }
}
