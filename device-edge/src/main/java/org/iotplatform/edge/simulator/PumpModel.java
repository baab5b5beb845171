package org.iotplatform.edge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.iotplatform.edge.link.Command;
import org.iotplatform.edge.link.CommandHandler;

/**
 * A centrifugal pump in a pumping station. Bearing wear grows at a rate of its own (seeded) and
 * raises vibration and temperature, slowly at first and faster near the end; at full wear the pump
 * faults (flow and pressure collapse, motor current spikes) until maintenance resets the wear.
 */
public final class PumpModel implements DeviceModel {

    private final Random random;
    private final String station;
    private final int position;
    private final double wearPerHour;
    private double wear;
    private double speedRpm = 1480;
    private boolean running = true;
    /** Which discharge line the station routes this pump to; line 2 is longer (more head, less flow). */
    private int outletLine = 1;

    public PumpModel(long seed, String station, int position) {
        this.random = new Random(seed);
        this.station = station;
        this.position = position;
        // most pumps last weeks; a few degrade within hours, so some fail while one watches
        this.wearPerHour =
                random.nextDouble() < 0.2 ? 0.05 + random.nextDouble() * 0.15 : 0.001 + random.nextDouble() * 0.01;
        this.wear = random.nextDouble() * 0.6;
    }

    @Override
    public synchronized Map<String, Object> step(double seconds) {
        if (running) {
            wear = Math.min(1.0, wear + wearPerHour * seconds / 3600 * (1 + wear));
        }
        boolean fault = wear >= 1.0;
        double load = running && !fault ? speedRpm / 1480 : 0;
        double line = outletLine == 2 ? 0.9 : 1.0;
        double flow = load * (118 + 6 * gauss()) * (1 - 0.15 * wear) * line;
        double pressure = load * (3.4 + 0.1 * gauss()) * (1 - 0.1 * wear) / line;
        double vibration = (running ? 0.8 + 6 * wear * wear : 0.05) + 0.08 * Math.abs(gauss());
        double temperature = 38 + 18 * load + 25 * wear * wear + 0.6 * gauss();
        double current = fault && running ? 62 + 4 * gauss() : load * (31 + 1.5 * gauss()) * (1 + 0.2 * wear);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("flow", round(Math.max(0, flow), 1));
        values.put("pressure", round(Math.max(0, pressure), 2));
        values.put("temperature", round(temperature, 1));
        values.put("vibration", round(vibration, 3));
        values.put("motorCurrent", round(Math.max(0, current), 1));
        values.put("speed", running ? (int) speedRpm : 0);
        values.put("fault", fault);
        values.put("outletLine", outletLine);
        return values;
    }

    /**
     * {@code stop}, {@code start}, {@code setSpeed {"rpm": n}} (0-3000), {@code reroute {"line": 1|2}}
     * and {@code maintain} (a new bearing).
     */
    @Override
    public synchronized CommandHandler.Result command(Command command) {
        switch (command.name()) {
            case "stop" -> setRunning(false);
            case "start" -> setRunning(true);
            case "maintain" -> maintain();
            case "reroute" -> {
                JsonNode line = command.payload().path("line");
                if (!line.isInt() || line.asInt() < 1 || line.asInt() > 2) {
                    return CommandHandler.Result.error(400, "reroute needs {\"line\": 1 or 2}");
                }
                outletLine = line.asInt();
            }
            case "setSpeed" -> {
                JsonNode rpm = command.payload().path("rpm");
                if (!rpm.isNumber() || rpm.asDouble() < 0 || rpm.asDouble() > 3000) {
                    return CommandHandler.Result.error(400, "setSpeed needs {\"rpm\": 0..3000}");
                }
                setSpeed(rpm.asDouble());
            }
            default -> {
                return DeviceModel.super.command(command);
            }
        }
        return CommandHandler.Result.ok(Map.of("running", running, "speed", (int) speedRpm, "outletLine", outletLine));
    }

    /** Maintenance: a new bearing. */
    public synchronized void maintain() {
        wear = 0;
    }

    public synchronized void setRunning(boolean running) {
        this.running = running;
    }

    public synchronized void setSpeed(double rpm) {
        this.speedRpm = Math.max(0, Math.min(3000, rpm));
    }

    public double wear() {
        return wear;
    }

    @Override
    public Map<String, String> tags() {
        return Map.of("kind", "pump", "station", station, "position", Integer.toString(position));
    }

    private double gauss() {
        return random.nextGaussian();
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
