package org.iotplatform.web.api.devices;

import java.util.List;
import java.util.Map;
import org.iotplatform.registry.DeviceCredentials;
import org.iotplatform.registry.RegisteredDevice;

/** What the devices API reads and writes besides {@link RegisteredDevice}; entities never leave the service layer. */
public final class DeviceViews {

    private DeviceViews() {}

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
        static ProvisionedDevice of(RegisteredDevice d, DeviceCredentials c) {
            return new ProvisionedDevice(
                    d.deviceId(),
                    d.status(),
                    c.primaryKey().base64(),
                    c.secondaryKey().base64(),
                    c.connectionString(),
                    d.tags());
        }
    }

    public record KeyRegeneration(String key) {}

    public record DevicePage(List<RegisteredDevice> items, int page, int pageSize, long total) {}

    /** One device of a JSON import or export (keys optional on import). */
    public record DeviceRecord(
            String deviceId, String status, String primaryKey, String secondaryKey, Map<String, String> tags) {}

    public record ImportResult(int imported) {}
}
