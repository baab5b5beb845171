package org.iotplatform.edge.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.iotplatform.edge.CommandLineOptions;
import org.iotplatform.edge.modbus.ModbusAdapter;

/**
 * A fleet of simulated devices: {@code stations} pumping stations of {@code pumps} pumps each and
 * {@code vending} vending machines, the same fleet for the same seed. On first start it gives every
 * device a random key (kept in {@code <state>/fleet-keys.csv}, mode 600) and registers the fleet with
 * the platform by bulk import; afterwards it only connects.
 *
 * <pre>java -jar iot-device-edge.jar simulate --platform http://localhost:8080 --admin-password-file F
 *   [--gateway tcp://localhost:1883] [--hub iothub.local] [--state .run/simulator] [--stations 5]
 *   [--pumps 4] [--vending 10] [--interval-seconds 5] [--seed 42] [--modbus-pumps 0] [--modbus-port 15020]</pre>
 *
 * <p>With {@code --modbus-pumps N} one more station has N pump controllers that speak only Modbus TCP
 * (simulated on ports {@code modbus-port}...), bridged by the Modbus protocol adapter, whose
 * configuration is written to {@code <state>/modbus/station.json} as a worked example.
 */
public final class FleetSimulator {

    private static final Logger LOG = Logger.getLogger(FleetSimulator.class.getName());

    /** A device of the fleet: its id and how it behaves ({@code pump}: the physics behind a Modbus controller). */
    record Member(String deviceId, DeviceModel model, PumpModel pump) {
        Member(String deviceId, DeviceModel model) {
            this(deviceId, model, null);
        }
    }

    private FleetSimulator() {}

    /** The fleet for a seed: ids, tags and models are the same every time. */
    static List<Member> fleet(int stations, int pumpsPerStation, int vending, long seed) {
        List<Member> members = new ArrayList<>();
        for (int s = 1; s <= stations; s++) {
            String station = String.format(Locale.ROOT, "station-%02d", s);
            for (int p = 1; p <= pumpsPerStation; p++) {
                members.add(new Member(station + "-pump-" + p, new PumpModel(seed * 1_000 + s * 10L + p, station, p)));
            }
        }
        for (int v = 1; v <= vending; v++) {
            String id = String.format(Locale.ROOT, "vending-%02d", v);
            members.add(new Member(id, new VendingMachineModel(seed * 1_000 + 500 + v, "site-" + ((v - 1) / 3 + 1))));
        }
        return members;
    }

    /**
     * The legacy station: {@code pumps} pump controllers that speak only Modbus TCP, reached through the
     * Modbus protocol adapter. Station number {@code station}; tagged {@code protocol=modbus}.
     */
    static List<Member> modbusStation(int station, int pumps, long seed) {
        List<Member> members = new ArrayList<>();
        String name = String.format(Locale.ROOT, "station-%02d", station);
        for (int p = 1; p <= pumps; p++) {
            PumpModel model = new PumpModel(seed * 1_000 + station * 10L + p, name, p);
            members.add(new Member(
                    name + "-pump-" + p,
                    new DeviceModel() {
                        @Override
                        public Map<String, Object> step(double seconds) {
                            return model.step(seconds);
                        }

                        @Override
                        public Map<String, String> tags() {
                            Map<String, String> tags = new TreeMap<>(model.tags());
                            tags.put("protocol", "modbus");
                            return tags;
                        }
                    },
                    model));
        }
        return members;
    }

    public static void run(String[] args) throws Exception {
        Map<String, String> o = CommandLineOptions.parse(args, 1);
        String platform = o.getOrDefault("platform", "http://localhost:8080");
        String admin = o.getOrDefault("admin-user", "admin");
        String password = Files.readString(Path.of(CommandLineOptions.required(o, "admin-password-file")))
                .trim();
        String gateway = o.getOrDefault("gateway", "tcp://localhost:1883");
        String hub = o.getOrDefault("hub", "iothub.local");
        Path state = Path.of(o.getOrDefault("state", ".run/simulator"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        Duration interval = Duration.ofSeconds(Long.parseLong(o.getOrDefault("interval-seconds", "5")));
        int stations = Integer.parseInt(o.getOrDefault("stations", "5"));
        List<Member> fleet = fleet(
                stations,
                Integer.parseInt(o.getOrDefault("pumps", "4")),
                Integer.parseInt(o.getOrDefault("vending", "10")),
                seed);
        List<Member> modbus = modbusStation(stations + 1, Integer.parseInt(o.getOrDefault("modbus-pumps", "0")), seed);

        Files.createDirectories(state);
        List<Member> everyone = new ArrayList<>(fleet);
        everyone.addAll(modbus);
        Map<String, byte[]> keys = keys(state.resolve("fleet-keys.csv"), everyone);
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        everyone.forEach(m -> tags.put(m.deviceId(), m.model().tags()));
        new DeviceImport(platform, admin, password).registerMissing(tags, keys);

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulator");
            t.setDaemon(true);
            return t;
        });
        List<SimulatedDevice> devices = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        Path outbox = Files.createDirectories(state.resolve("outbox"));
        for (int i = 0; i < fleet.size(); i++) {
            Member m = fleet.get(i);
            SimulatedDevice device = new SimulatedDevice(
                    m.deviceId(), keys.get(m.deviceId()), hub, gateway, outbox, m.model(), interval, clock, seed + i);
            devices.add(device);
            device.start(scheduler);
        }
        List<AutoCloseable> legacy = startModbusStation(
                modbus,
                keys,
                Integer.parseInt(o.getOrDefault("modbus-port", "15020")),
                state.resolve("modbus"),
                gateway,
                hub,
                interval);
        LOG.info(() -> "simulating " + fleet.size() + " MQTT devices and " + modbus.size()
                + " Modbus pump controllers through " + gateway + ", a reading every " + interval.toSeconds()
                + " s each");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            devices.forEach(SimulatedDevice::stop);
                            for (AutoCloseable c : legacy) {
                                try {
                                    c.close();
                                } catch (Exception e) {
                                    LOG.fine(() -> "stopping: " + e);
                                }
                            }
                        },
                        "simulator-stop"));
        while (true) {
            TimeUnit.MINUTES.sleep(1);
            long connected = devices.stream().filter(SimulatedDevice::connected).count();
            long published =
                    devices.stream().mapToLong(SimulatedDevice::published).sum();
            LOG.info(() -> "fleet: " + connected + "/" + devices.size() + " connected, " + published
                    + " readings queued so far");
        }
    }

    /**
     * Starts the Modbus controllers on {@code firstPort}, {@code firstPort + 1}, ... and the protocol
     * adapter that bridges them, configured the way an operator would (a JSON file and a key file in
     * {@code dir}, which doubles as a worked example).
     */
    private static List<AutoCloseable> startModbusStation(
            List<Member> pumps,
            Map<String, byte[]> keys,
            int firstPort,
            Path dir,
            String gateway,
            String hub,
            Duration interval)
            throws Exception {
        List<AutoCloseable> running = new ArrayList<>();
        if (pumps.isEmpty()) {
            return running;
        }
        Files.createDirectories(dir);
        StringBuilder devices = new StringBuilder();
        StringBuilder keyCsv = new StringBuilder();
        for (int i = 0; i < pumps.size(); i++) {
            Member m = pumps.get(i);
            running.add(new SimulatedModbusPump(InetAddress.getLoopbackAddress(), firstPort + i, 1, m.pump()));
            devices.append(i == 0 ? "" : ",\n")
                    .append(String.format(
                            Locale.ROOT,
                            "    {\"deviceId\": \"%s\", \"host\": \"127.0.0.1\", \"port\": %d, \"unitId\": 1, \"profile\": \"pump-controller\", \"pollSeconds\": %d}",
                            m.deviceId(),
                            firstPort + i,
                            interval.toSeconds()));
            keyCsv.append(m.deviceId())
                    .append(',')
                    .append(Base64.getEncoder().encodeToString(keys.get(m.deviceId())))
                    .append('\n');
        }
        Path keyFile = dir.resolve("keys.csv");
        Files.writeString(keyFile, keyCsv);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path config = dir.resolve("station.json");
        Files.writeString(
                config,
                "{\n  \"keys\": \"keys.csv\",\n  \"profiles\": {\"pump-controller\": "
                        + SimulatedModbusPump.profileJson().trim() + "},\n  \"devices\": [\n" + devices + "\n  ]\n}\n");
        running.add(0, ModbusAdapter.start(config, gateway, hub, dir));
        return running;
    }

    /** The fleet's keys, made once and kept private to this user. */
    private static Map<String, byte[]> keys(Path file, List<Member> fleet) throws IOException {
        Map<String, byte[]> keys = new TreeMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    keys.put(line.substring(0, comma), Base64.getDecoder().decode(line.substring(comma + 1)));
                }
            }
        }
        SecureRandom random = new SecureRandom();
        boolean added = false;
        for (Member m : fleet) {
            if (!keys.containsKey(m.deviceId())) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                keys.put(m.deviceId(), key);
                added = true;
            }
        }
        if (added) {
            StringBuilder csv = new StringBuilder();
            keys.forEach((id, key) -> csv.append(id)
                    .append(',')
                    .append(Base64.getEncoder().encodeToString(key))
                    .append('\n'));
            Files.writeString(file, csv);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return keys;
    }
}
