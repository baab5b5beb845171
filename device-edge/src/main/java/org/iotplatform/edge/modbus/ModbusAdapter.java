package org.iotplatform.edge.modbus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import org.iotplatform.edge.CommandLineOptions;
import org.iotplatform.edge.link.DeviceLink;

/**
 * The Modbus TCP protocol gateway: runs near the controllers (a pumping station's edge box) and keeps
 * one {@link ModbusBridge} per configured controller, each a device with its own identity towards the
 * cloud gateway.
 *
 * <pre>java -jar iot-device-edge.jar modbus --config station.json [--gateway tcp://localhost:1883]
 *   [--hub iothub.local] [--state .run/modbus]</pre>
 */
public final class ModbusAdapter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModbusAdapter.class.getName());

    private final List<ModbusBridge> bridges = new ArrayList<>();
    private final List<ScheduledExecutorService> threads = new ArrayList<>();

    private ModbusAdapter() {}

    /** Starts a bridge for every device of {@code configFile}; readings wait in {@code state}/outbox while the uplink is down. */
    public static ModbusAdapter start(Path configFile, String gatewayUrl, String hub, Path state) throws Exception {
        ModbusConfig config = ModbusConfig.load(configFile);
        warnIfReadableByOthers(configFile.toAbsolutePath().getParent().resolve(config.keys()));
        Map<String, byte[]> keys = config.readKeys(configFile);
        Path outbox = Files.createDirectories(state.resolve("outbox"));
        ModbusAdapter adapter = new ModbusAdapter();
        Clock clock = Clock.systemUTC();
        long seed = 0;
        for (ModbusConfig.Device device : config.devices()) {
            DeviceLink link = new DeviceLink(
                    device.deviceId(), keys.get(device.deviceId()), hub, gatewayUrl, outbox, clock, seed++);
            ModbusBridge bridge = new ModbusBridge(device, config.profiles().get(device.profile()), link, clock);
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "modbus-" + device.deviceId());
                t.setDaemon(true);
                return t;
            });
            adapter.threads.add(thread);
            adapter.bridges.add(bridge);
            bridge.start(thread);
        }
        LOG.info(() -> "Modbus adapter: " + adapter.bridges.size() + " controller(s) bridged to " + gatewayUrl);
        return adapter;
    }

    private static void warnIfReadableByOthers(Path keys) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keys);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)) {
                LOG.warning(() -> keys + " holds device keys but others can read it: chmod 600");
            }
        } catch (UnsupportedOperationException | java.io.IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    /** Readings sent per device so far (by device id). */
    public Map<String, Long> readingsSent() {
        Map<String, Long> sent = new java.util.TreeMap<>();
        bridges.forEach(b -> sent.put(b.deviceId(), b.polls()));
        return sent;
    }

    @Override
    public void close() {
        bridges.forEach(ModbusBridge::stop);
        threads.forEach(ScheduledExecutorService::shutdownNow);
    }

    /** The {@code modbus} command. */
    public static void run(String[] args) throws Exception {
        Map<String, String> o = CommandLineOptions.parse(args, 1);
        ModbusAdapter adapter = start(
                Path.of(CommandLineOptions.required(o, "config")),
                o.getOrDefault("gateway", "tcp://localhost:1883"),
                o.getOrDefault("hub", "iothub.local"),
                Path.of(o.getOrDefault("state", ".run/modbus")));
        Runtime.getRuntime().addShutdownHook(new Thread(adapter::close, "modbus-stop"));
        Thread.currentThread().join();
    }
}
