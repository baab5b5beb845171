package org.iotplatform.registry;

import java.util.List;
import java.util.Map;

/** Devices to register from one file: all of them or none. */
public final class DeviceImport {

    private DeviceImport() {}

    /** One line of the file, as parsed; keys empty when the registry should generate them. */
    public record Line(
            int line,
            String deviceId,
            String status,
            String primaryKey,
            String secondaryKey,
            Map<String, String> tags) {}

    /** What was wrong with one line. */
    public record LineError(int line, String deviceId, String error) {}

    public record Report(int imported, List<LineError> errors) {}
}
