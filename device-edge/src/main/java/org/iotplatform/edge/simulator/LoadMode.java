package org.iotplatform.edge.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.iotplatform.edge.CommandLineOptions;
import org.iotplatform.edge.bench.TelemetryLoad;

/**
 * The simulator's load mode, for benchmarks: {@code devices} devices each sending {@code rate}
 * telemetry messages a second (QoS 1, a message id each) for {@code seconds}; prints a progress line
 * each second (sent, acknowledged, failed, rate) and a summary. Load devices are named
 * {@code <prefix>-000000...}, share one key (kept in {@code <state>/load-key}, mode 600) and are
 * registered with the platform first when an admin password file is given.
 *
 * <pre>java -jar iot-device-edge.jar load --devices 100 --rate 2 --seconds 60
 *   [--admin-password-file F] [--platform http://localhost:8080] [--gateway localhost:1883]
 *   [--hub iothub.local] [--prefix load] [--state .run/load]</pre>
 */
public final class LoadMode {

    private LoadMode() {}

    public static TelemetryLoad.Result run(String[] args) throws Exception {
        Map<String, String> o = CommandLineOptions.parse(args, 1);
        int devices = Integer.parseInt(o.getOrDefault("devices", "100"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "1"));
        String prefix = o.getOrDefault("prefix", "load");
        Path state = Files.createDirectories(Path.of(o.getOrDefault("state", ".run/load")));
        byte[] key = key(state.resolve("load-key"));
        if (o.containsKey("admin-password-file")) {
            Map<String, Map<String, String>> tags = new LinkedHashMap<>();
            Map<String, byte[]> keys = new HashMap<>();
            for (int i = 0; i < devices; i++) {
                String id = prefix + "-" + String.format(Locale.ROOT, "%06d", i);
                tags.put(id, Map.of("kind", "load"));
                keys.put(id, key);
            }
            String password =
                    Files.readString(Path.of(o.get("admin-password-file"))).trim();
            new DeviceImport(
                            o.getOrDefault("platform", "http://localhost:8080"),
                            o.getOrDefault("admin-user", "admin"),
                            password)
                    .registerMissing(tags, keys);
        }
        System.out.printf(
                Locale.ROOT,
                "load: %d devices x %.2f messages/s for %s s%n",
                devices,
                rate,
                o.getOrDefault("seconds", "60"));
        TelemetryLoad.Result result = TelemetryLoad.run(Map.of(
                "gateway", o.getOrDefault("gateway", "localhost:1883"),
                "hub", o.getOrDefault("hub", "iothub.local"),
                "prefix", prefix,
                "count", Integer.toString(devices),
                "key", Base64.getEncoder().encodeToString(key),
                "seconds", o.getOrDefault("seconds", "60"),
                "rate-per-device", Double.toString(rate)));
        System.out.printf(
                Locale.ROOT,
                "summary: sent %d, acknowledged %d, failed %d in %.1f s: %.0f messages/s acknowledged%n",
                result.sent(),
                result.acked(),
                result.failed(),
                result.seconds(),
                result.acked() / result.seconds());
        return result;
    }

    private static byte[] key(Path file) throws java.io.IOException {
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).trim());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return key;
    }
}
