package org.iotplatform.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.Device;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.telemetry.TelemetryPoint;

/** One device as a monitoring view shows it: identity, tags, state and its latest value of each metric. */
public record DeviceSnapshot(
        String deviceId,
        Map<String, String> tags,
        DeviceStatus status,
        ConnectionState connectionState,
        Instant lastActivity,
        Instant lastValueAt,
        Map<String, Double> latest) {

    public static DeviceSnapshot of(Device device, List<TelemetryPoint> latest) {
        Map<String, Double> values = new TreeMap<>();
        Instant newest = null;
        for (TelemetryPoint p : latest) {
            values.put(p.metric(), p.value());
            newest = newest == null || p.ts().isAfter(newest) ? p.ts() : newest;
        }
        return new DeviceSnapshot(
                device.deviceId().value(),
                Map.copyOf(device.tags()),
                device.status(),
                device.connectionState(),
                device.lastActivityTime(),
                newest,
                Map.copyOf(values));
    }

    /** This snapshot with newer values (a live message): metrics it does not carry keep their last value. */
    public DeviceSnapshot with(Map<String, Double> values, Instant at) {
        if (lastValueAt != null && at.isBefore(lastValueAt)) {
            return this; // an older message arriving late changes nothing
        }
        Map<String, Double> merged = new TreeMap<>(latest);
        merged.putAll(values);
        return new DeviceSnapshot(deviceId, tags, status, connectionState, at, at, Map.copyOf(merged));
    }

    /** This snapshot with the registry's newer view of the device (state), keeping the values. */
    public DeviceSnapshot withStateOf(DeviceSnapshot fresher) {
        Instant newest =
                lastValueAt == null || (fresher.lastValueAt != null && fresher.lastValueAt.isAfter(lastValueAt))
                        ? fresher.lastValueAt
                        : lastValueAt;
        return new DeviceSnapshot(
                deviceId,
                fresher.tags,
                fresher.status,
                fresher.connectionState,
                fresher.lastActivity,
                newest,
                newest == lastValueAt ? latest : fresher.latest);
    }

    public Optional<Double> value(String metric) {
        return Optional.ofNullable(latest.get(metric));
    }

    public Optional<String> tag(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    public boolean connected() {
        return status == DeviceStatus.ENABLED && connectionState == ConnectionState.CONNECTED;
    }

    /** A pump reports {@code fault} other than 0. */
    public boolean faulted() {
        return value("fault").filter(v -> v != 0).isPresent();
    }

    /** A pump reports {@code speed} 0 (stopped by an operator or by a fault). */
    public boolean stopped() {
        return value("speed").filter(v -> v == 0).isPresent();
    }
}
