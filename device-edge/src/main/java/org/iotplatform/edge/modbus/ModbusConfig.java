package org.iotplatform.edge.modbus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The adapter's configuration file (JSON): register maps by controller model ({@code profiles}), the
 * controllers it polls ({@code devices}), and where their device keys are ({@code keys}: a CSV file of
 * {@code deviceId,base64Key}, readable by this user only; a relative path is relative to the config).
 * See the example in {@code device-edge/README.md}.
 */
public record ModbusConfig(String keys, Map<String, RegisterMap> profiles, List<Device> devices) {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9\\-._:]{1,128}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    public ModbusConfig {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** One controller: where it is, its Modbus unit id, its register map and how often to poll it. */
    public record Device(
            String deviceId, String host, Integer port, Integer unitId, String profile, Double pollSeconds) {
        public Device {
            port = port == null ? 502 : port;
            unitId = unitId == null ? 1 : unitId;
            pollSeconds = pollSeconds == null ? 5.0 : pollSeconds;
        }
    }

    /** Reads and checks the file; every problem found is in the exception's message. */
    public static ModbusConfig load(Path file) throws IOException {
        ModbusConfig config;
        try {
            config = JSON.readValue(file.toFile(), ModbusConfig.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ":\n  " + String.join("\n  ", problems));
        }
        return config;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        profiles.forEach((name, map) -> problems.addAll(map.problems("profile '" + name + "'")));
        Set<String> ids = new HashSet<>();
        if (devices.isEmpty()) {
            problems.add("no devices");
        }
        for (Device d : devices) {
            String where = "device '" + d.deviceId() + "'";
            if (d.deviceId() == null || !DEVICE_ID.matcher(d.deviceId()).matches()) {
                problems.add(where + ": deviceId must be 1-128 of A-Z a-z 0-9 - . _ :");
            } else if (!ids.add(d.deviceId())) {
                problems.add(where + ": listed twice");
            }
            if (d.host() == null || d.host().isBlank()) {
                problems.add(where + ": host is required");
            }
            if (d.port() < 1 || d.port() > 65535) {
                problems.add(where + ": port must be 1..65535");
            }
            if (d.unitId() < 0 || d.unitId() > 255) {
                problems.add(where + ": unitId must be 0..255");
            }
            if (!profiles.containsKey(d.profile())) {
                problems.add(where + ": unknown profile '" + d.profile() + "' (known: " + profiles.keySet() + ")");
            }
            if (d.pollSeconds() < 0.1) {
                problems.add(where + ": pollSeconds must be at least 0.1");
            }
        }
        if (keys == null || keys.isBlank()) {
            problems.add("keys: the CSV file of device keys (deviceId,base64Key) is required");
        }
        return problems;
    }

    /** The device keys from {@link #keys()}, resolved against the configuration file's folder. */
    public Map<String, byte[]> readKeys(Path configFile) throws IOException {
        Path file = configFile.toAbsolutePath().getParent().resolve(keys);
        Map<String, byte[]> result = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int comma = line.indexOf(',');
            if (comma > 0 && !line.startsWith("#")) {
                result.put(
                        line.substring(0, comma).trim(),
                        Base64.getDecoder().decode(line.substring(comma + 1).trim()));
            }
        }
        List<String> missing = devices.stream()
                .map(Device::deviceId)
                .filter(id -> !result.containsKey(id))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ": no key for " + missing);
        }
        return result;
    }
}
