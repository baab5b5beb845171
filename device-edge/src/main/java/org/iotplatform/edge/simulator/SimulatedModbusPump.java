package org.iotplatform.edge.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.iotplatform.edge.modbus.RegisterMap;

/**
 * A pump controller that speaks Modbus TCP (a j2mod slave) with the register layout of
 * {@code pump-controller.json}: a {@link PumpModel} fills its input registers every second, and its
 * writable points (run coil, speed set-point) drive the model, as a real controller's would.
 */
public final class SimulatedModbusPump implements AutoCloseable {

    private static final String PROFILE = "pump-controller.json";

    private final RegisterMap map;
    private final PumpModel model;
    private final SimpleProcessImage image;
    private final ModbusSlave slave;
    private final ScheduledExecutorService timer;
    private long runSeconds;

    public SimulatedModbusPump(InetAddress address, int port, int unitId, PumpModel model)
            throws ModbusException, IOException {
        this.map = profile();
        this.model = model;
        this.image = new SimpleProcessImage(unitId);
        for (int a = 0; a <= last(RegisterMap.Table.INPUT); a++) {
            image.addInputRegister(new SimpleInputRegister(0));
        }
        for (int a = 0; a <= last(RegisterMap.Table.HOLDING); a++) {
            image.addRegister(new SimpleRegister(0));
        }
        for (int a = 0; a <= last(RegisterMap.Table.COIL); a++) {
            image.addDigitalOut(new SimpleDigitalOut(false));
        }
        for (int a = 0; a <= last(RegisterMap.Table.DISCRETE); a++) {
            image.addDigitalIn(new SimpleDigitalIn(false));
        }
        set("running", 1);
        set("speedSetpoint", 1480);
        update(0);
        this.slave = ModbusSlaveFactory.createTCPSlave(address, port, 4, false);
        slave.addProcessImage(unitId, image);
        slave.open();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modbus-pump-" + port);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> update(1), 1, 1, TimeUnit.SECONDS);
    }

    /** The register map of this controller model (also what the adapter is configured with). */
    public static RegisterMap profile() throws IOException {
        try (InputStream in = SimulatedModbusPump.class.getResourceAsStream(PROFILE)) {
            return JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .build()
                    .readValue(in, RegisterMap.class);
        }
    }

    /** The profile as JSON text, to write into an adapter configuration. */
    public static String profileJson() throws IOException {
        try (InputStream in = SimulatedModbusPump.class.getResourceAsStream(PROFILE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private synchronized void update(double seconds) {
        model.setRunning(get("running") != 0);
        model.setSpeed(get("speedSetpoint"));
        Map<String, Object> values = model.step(seconds);
        boolean running = get("running") != 0;
        if (running) {
            runSeconds += (long) seconds;
        }
        values.forEach((name, value) -> {
            RegisterMap.Point p = map.point(name);
            if (p != null && !p.writable()) {
                set(name, value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue());
            }
        });
        set("runSeconds", runSeconds);
    }

    public PumpModel model() {
        return model;
    }

    /** A point's current engineering value, as the controller holds it. */
    public synchronized double get(String name) {
        RegisterMap.Point p = map.point(name);
        int[] words = new int[p.width()];
        for (int i = 0; i < words.length; i++) {
            int a = p.address() + i;
            words[i] = switch (p.table()) {
                case COIL -> image.getDigitalOut(a).isSet() ? 1 : 0;
                case DISCRETE -> image.getDigitalIn(a).isSet() ? 1 : 0;
                case INPUT -> image.getInputRegister(a).toUnsignedShort();
                case HOLDING -> image.getRegister(a).toUnsignedShort();
            };
        }
        Object value = p.decodeWords(words);
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
    }

    private void set(String name, double value) {
        RegisterMap.Point p = map.point(name);
        int[] words = p.encodeClamped(value);
        for (int i = 0; i < words.length; i++) {
            int a = p.address() + i;
            switch (p.table()) {
                case COIL -> image.getDigitalOut(a).set(words[i] != 0);
                case DISCRETE -> image.setDigitalIn(a, new SimpleDigitalIn(words[i] != 0));
                case INPUT -> image.setInputRegister(a, new SimpleInputRegister(words[i]));
                case HOLDING -> image.getRegister(a).setValue(words[i]);
            }
        }
    }

    private int last(RegisterMap.Table table) {
        return map.points().stream()
                .filter(p -> p.table() == table)
                .mapToInt(p -> p.address() + p.width() - 1)
                .max()
                .orElse(-1);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        ModbusSlaveFactory.close(slave);
    }
}
