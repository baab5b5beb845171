package org.iotplatform.edge.modbus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.iotplatform.edge.link.Command;
import org.iotplatform.edge.link.CommandHandler;
import org.iotplatform.edge.link.DeviceLink;

/**
 * One Modbus controller as a device of the platform: polls its registers every {@code pollSeconds} and
 * sends them as telemetry over the controller's own {@link DeviceLink} (own identity, on-disk outbox,
 * so readings taken while the uplink is down arrive later); commands from the platform become writes
 * to its registers as its register map says. A controller that does not answer is logged once per
 * outage and polled again on schedule; nothing is sent for the polls it missed.
 */
final class ModbusBridge implements CommandHandler {

    private static final Logger LOG = Logger.getLogger(ModbusBridge.class.getName());

    private final ModbusConfig.Device device;
    private final RegisterMap map;
    private final ModbusController controller;
    private final DeviceLink link;
    private final Clock clock;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();
    private volatile boolean reachable = true;
    private ScheduledFuture<?> polling;

    ModbusBridge(ModbusConfig.Device device, RegisterMap map, DeviceLink link, Clock clock) {
        this.device = device;
        this.map = map;
        this.link = link;
        this.clock = clock;
        this.controller = new ModbusController(device.host(), device.port(), device.unitId(), map, 3000);
        link.onCommand(this);
    }

    /** Polls on {@code scheduler}; every bridge needs its own single thread (the controller's connection is not shared). */
    void start(ScheduledExecutorService scheduler) {
        link.start(scheduler, () -> {});
        long period = Math.round(device.pollSeconds() * 1000);
        polling = scheduler.scheduleAtFixedRate(this::poll, 0, period, TimeUnit.MILLISECONDS);
    }

    void poll() {
        Map<String, Object> values;
        try {
            values = controller.read();
        } catch (Exception e) {
            failedPolls.incrementAndGet();
            if (reachable) {
                reachable = false;
                LOG.warning(() -> device.deviceId() + ": Modbus controller " + device.host() + ":" + device.port()
                        + " unit " + device.unitId() + " does not answer (" + e + "); polling on");
            }
            controller.close();
            return;
        }
        if (!reachable) {
            reachable = true;
            LOG.info(() -> device.deviceId() + ": Modbus controller answers again");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ts", clock.instant().toString());
        message.putAll(values);
        try {
            link.sendTelemetry(message);
            polls.incrementAndGet();
        } catch (Exception e) {
            LOG.warning(() -> device.deviceId() + ": reading not queued: " + e);
        }
    }

    /** Runs the writes the register map lists for the command, in order; the payload supplies {@code from} values. */
    @Override
    public synchronized Result handle(Command command) {
        List<RegisterMap.Write> writes = map.commands().get(command.name());
        if (writes == null) {
            return Result.error(
                    404,
                    "unknown command '" + command.name() + "' (known: "
                            + map.commands().keySet() + ")");
        }
        Map<String, Object> written = new LinkedHashMap<>();
        for (RegisterMap.Write w : writes) {
            double value;
            if (w.value() != null) {
                value = w.value();
            } else {
                JsonNode field = command.payload().path(w.from());
                if (!field.isNumber() && !field.isBoolean()) {
                    return Result.error(400, command.name() + " needs a number in '" + w.from() + "'");
                }
                value = field.isBoolean() ? (field.asBoolean() ? 1 : 0) : field.asDouble();
            }
            try {
                controller.write(map.point(w.point()), value);
            } catch (IllegalArgumentException e) {
                return Result.error(400, e.getMessage());
            } catch (Exception e) {
                controller.close();
                return Result.error(504, "Modbus controller did not take the write to '" + w.point() + "': " + e);
            }
            written.put(w.point(), value);
        }
        return Result.ok(written);
    }

    String deviceId() {
        return device.deviceId();
    }

    long polls() {
        return polls.get();
    }

    long failedPolls() {
        return failedPolls.get();
    }

    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
        link.stop();
        controller.close();
    }
}
