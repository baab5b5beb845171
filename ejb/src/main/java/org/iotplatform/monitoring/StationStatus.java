package org.iotplatform.monitoring;

import java.util.Comparator;
import java.util.List;
import org.iotplatform.registry.DeviceStatus;

/** A station's devices with their latest values, in position order (the {@code position} tag, then id). */
public record StationStatus(String name, List<DeviceSnapshot> devices) {

    public StationStatus {
        devices = devices.stream()
                .sorted(Comparator.comparing(StationStatus::position).thenComparing(DeviceSnapshot::deviceId))
                .toList();
    }

    public Health health() {
        int enabled = (int)
                devices.stream().filter(d -> d.status() == DeviceStatus.ENABLED).count();
        int connected = (int) devices.stream().filter(DeviceSnapshot::connected).count();
        int faulted =
                (int) devices.stream().filter(d -> d.connected() && d.faulted()).count();
        return Health.of(enabled, connected, faulted);
    }

    private static int position(DeviceSnapshot d) {
        try {
            return Integer.parseInt(d.tags().getOrDefault("position", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
