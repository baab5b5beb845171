package org.iotplatform.web.api.devices;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iotplatform.registry.Device;
import org.iotplatform.registry.DeviceCredentials;

/** What the devices API reads and writes; entities never leave the service layer as such. */
public final class DeviceViews {

    private DeviceViews() {}

    /** @param telemetryRetentionDays the device's own raw telemetry retention; null: the global setting */
    public record DeviceView(
            String deviceId,
            String status,
            String connectionState,
            Instant lastActivityTime,
            Map<String, String> tags,
            Integer telemetryRetentionDays,
            Instant createdAt,
            Instant updatedAt) {
        public static DeviceView of(Device d) {
            return new DeviceView(
                    d.deviceId().value(),
                    d.status().value(),
                    d.connectionState().value(),
                    d.lastActivityTime(),
                    d.tags(),
                    d.telemetryRetentionDays().orElse(null),
                    d.createdAt(),
                    d.updatedAt());
        }
    }

    public record NewDevice(String deviceId, Map<String, String> tags, String status) {}

    /** Only the fields present are changed; {@code tags} replaces all tags. */
    /** Only what is given changes; {@code telemetryRetentionDays} 0 returns to the global setting. */
    public record DeviceChange(String status, Map<String, String> tags, Integer telemetryRetentionDays) {}

    /** Shown once, at creation or key regeneration. */
    public record ProvisionedDevice(
            String deviceId,
            String status,
            String primaryKey,
            String secondaryKey,
            String connectionString,
            Map<String, String> tags) {
        static ProvisionedDevice of(Device d, DeviceCredentials c) {
            return new ProvisionedDevice(
                    d.deviceId().value(),
                    d.status().value(),
                    c.primaryKey().base64(),
                    c.secondaryKey().base64(),
                    c.connectionString(),
                    d.tags());
        }
    }

    public record KeyRegeneration(String key) {}

    public record DevicePage(List<DeviceView> items, int page, int pageSize, long total) {}

    /** One device of a JSON import or export (keys optional on import). */
    public record DeviceRecord(
            String deviceId, String status, String primaryKey, String secondaryKey, Map<String, String> tags) {}

    public record ImportResult(int imported) {}
}
