package org.iotplatform.edge.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speaks Modbus TCP to one controller: reads every point of its register map in as few requests as
 * possible (neighbouring addresses of a table in one block) and writes engineering values to
 * writable points. Not thread-safe; the bridge calls it from one thread.
 */
final class ModbusController implements AutoCloseable {

    /** Requests read at most this many registers (the protocol allows 125) and skip gaps up to {@link #MAX_GAP}. */
    private static final int MAX_BLOCK = 120;

    private static final int MAX_GAP = 8;

    private final ModbusTCPMaster master;
    private final int unitId;
    private final List<Block> blocks;

    /** Neighbouring points of one table read by one request. */
    private record Block(RegisterMap.Table table, int start, int count, List<RegisterMap.Point> points) {}

    ModbusController(String host, int port, int unitId, RegisterMap map, int timeoutMillis) {
        this.master = new ModbusTCPMaster(host, port, timeoutMillis, true);
        this.unitId = unitId;
        this.blocks = blocks(map.points());
    }

    private static List<Block> blocks(List<RegisterMap.Point> points) {
        List<Block> blocks = new ArrayList<>();
        for (RegisterMap.Table table : RegisterMap.Table.values()) {
            List<RegisterMap.Point> sorted = points.stream()
                    .filter(p -> p.table() == table)
                    .sorted(Comparator.comparingInt(RegisterMap.Point::address))
                    .toList();
            List<RegisterMap.Point> current = new ArrayList<>();
            int start = 0;
            int end = 0;
            for (RegisterMap.Point p : sorted) {
                int pEnd = p.address() + p.width();
                if (!current.isEmpty() && (p.address() - end > MAX_GAP || pEnd - start > MAX_BLOCK)) {
                    blocks.add(new Block(table, start, end - start, List.copyOf(current)));
                    current.clear();
                }
                if (current.isEmpty()) {
                    start = p.address();
                }
                current.add(p);
                end = Math.max(end, pEnd);
            }
            if (!current.isEmpty()) {
                blocks.add(new Block(table, start, end - start, List.copyOf(current)));
            }
        }
        return blocks;
    }

    /** Every point's engineering value, by name. */
    Map<String, Object> read() throws Exception {
        connect();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Block block : blocks) {
            int[] words = raw(block);
            for (RegisterMap.Point p : block.points()) {
                values.put(p.name(), p.decode(words, p.address() - block.start()));
            }
        }
        return values;
    }

    private int[] raw(Block block) throws ModbusException {
        int[] words = new int[block.count()];
        switch (block.table()) {
            case COIL, DISCRETE -> {
                BitVector bits = block.table() == RegisterMap.Table.COIL
                        ? master.readCoils(unitId, block.start(), block.count())
                        : master.readInputDiscretes(unitId, block.start(), block.count());
                for (int i = 0; i < words.length; i++) {
                    words[i] = bits.getBit(i) ? 1 : 0;
                }
            }
            case INPUT -> {
                InputRegister[] registers = master.readInputRegisters(unitId, block.start(), block.count());
                for (int i = 0; i < words.length; i++) {
                    words[i] = registers[i].toUnsignedShort();
                }
            }
            case HOLDING -> {
                Register[] registers = master.readMultipleRegisters(unitId, block.start(), block.count());
                for (int i = 0; i < words.length; i++) {
                    words[i] = registers[i].toUnsignedShort();
                }
            }
        }
        return words;
    }

    void write(RegisterMap.Point point, double value) throws Exception {
        int[] words = point.encode(value);
        connect();
        if (point.table() == RegisterMap.Table.COIL) {
            master.writeCoil(unitId, point.address(), words[0] != 0);
        } else if (words.length == 1) {
            master.writeSingleRegister(unitId, point.address(), new SimpleRegister(words[0]));
        } else {
            Register[] registers = new Register[words.length];
            for (int i = 0; i < words.length; i++) {
                registers[i] = new SimpleRegister(words[i]);
            }
            master.writeMultipleRegisters(unitId, point.address(), registers);
        }
    }

    private void connect() throws Exception {
        if (!master.isConnected()) {
            master.connect();
        }
    }

    @Override
    public void close() {
        master.disconnect();
    }
}
