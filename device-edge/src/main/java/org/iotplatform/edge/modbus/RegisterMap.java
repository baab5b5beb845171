package org.iotplatform.edge.modbus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a controller model's registers mean: named points (table, address, encoding, scale and offset:
 * {@code value = raw * scale + offset}) and commands as lists of writes to writable points, each a
 * constant or a field of the command's payload.
 */
public record RegisterMap(List<Point> points, Map<String, List<Write>> commands) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

    public RegisterMap {
        points = points == null ? List.of() : List.copyOf(points);
        commands = commands == null ? Map.of() : Map.copyOf(commands);
    }

    /** The four Modbus data tables. */
    public enum Table {
        @JsonProperty("coil")
        COIL,
        @JsonProperty("discrete")
        DISCRETE,
        @JsonProperty("input")
        INPUT,
        @JsonProperty("holding")
        HOLDING;

        boolean bits() {
            return this == COIL || this == DISCRETE;
        }
    }

    /** How a register value is encoded; 32-bit types span two registers, high word first unless {@code wordSwap}. */
    public enum Type {
        @JsonProperty("int16")
        INT16(1),
        @JsonProperty("uint16")
        UINT16(1),
        @JsonProperty("int32")
        INT32(2),
        @JsonProperty("uint32")
        UINT32(2),
        @JsonProperty("float32")
        FLOAT32(2),
        @JsonProperty("bool")
        BOOL(1);

        final int registers;

        Type(int registers) {
            this.registers = registers;
        }
    }

    public record Point(
            String name,
            Table table,
            Integer address,
            Type type,
            Double scale,
            Double offset,
            Boolean wordSwap,
            Boolean writable) {
        public Point {
            scale = scale == null ? 1.0 : scale;
            offset = offset == null ? 0.0 : offset;
            wordSwap = wordSwap != null && wordSwap;
            writable = writable != null && writable;
            if (table != null && table.bits()) {
                type = Type.BOOL;
            } else if (type == null) {
                type = Type.UINT16;
            }
        }

        /** Registers (or bits) the point occupies. */
        public int width() {
            return table.bits() ? 1 : type.registers;
        }

        /** The engineering value of raw registers {@code words[at..at+width)} (16-bit each). */
        Object decode(int[] words, int at) {
            if (table.bits()) {
                return words[at] != 0;
            }
            long raw = switch (type) {
                case INT16 -> (short) words[at];
                case UINT16, BOOL -> words[at] & 0xffff;
                case INT32, UINT32, FLOAT32 -> {
                    long hi = words[at + (wordSwap ? 1 : 0)] & 0xffff;
                    long lo = words[at + (wordSwap ? 0 : 1)] & 0xffff;
                    long bits = (hi << 16) | lo;
                    yield type == Type.INT32 ? (int) bits : bits;
                }
            };
            double value = (type == Type.FLOAT32 ? Float.intBitsToFloat((int) raw) : raw) * scale + offset;
            return Math.round(value * 1e6) / 1e6; // 0.1 * 1234 is 123.4, not 123.40000000000001
        }

        /** The engineering value of the point's raw registers (16-bit words, or 0/1 for bits). */
        public Object decodeWords(int[] words) {
            return decode(words, 0);
        }

        /** Raw registers for an engineering value, held to what the encoding can hold (for simulated devices). */
        public int[] encodeClamped(double value) {
            if (table.bits() || type == Type.FLOAT32) {
                return encode(value);
            }
            double raw = Math.max(min(), Math.min(max(), Math.round((value - offset) / scale)));
            return encode(raw * scale + offset);
        }

        private long min() {
            return switch (type) {
                case INT16 -> Short.MIN_VALUE;
                case INT32 -> Integer.MIN_VALUE;
                default -> 0;
            };
        }

        private long max() {
            return switch (type) {
                case INT16 -> Short.MAX_VALUE;
                case UINT16, BOOL -> 0xffff;
                case INT32 -> Integer.MAX_VALUE;
                default -> 0xffffffffL;
            };
        }

        /** Raw registers for an engineering value; refuses values the encoding cannot hold. */
        public int[] encode(double value) {
            if (table.bits()) {
                return new int[] {value != 0 ? 1 : 0};
            }
            double raw = (value - offset) / scale;
            if (type == Type.FLOAT32) {
                return words(Float.floatToIntBits((float) raw) & 0xffffffffL);
            }
            long rounded = Math.round(raw);
            if (rounded < min() || rounded > max()) {
                throw new IllegalArgumentException(name + ": " + value + " is outside what the register holds");
            }
            return type.registers == 1 ? new int[] {(int) (rounded & 0xffff)} : words(rounded & 0xffffffffL);
        }

        private int[] words(long bits) {
            int hi = (int) ((bits >>> 16) & 0xffff);
            int lo = (int) (bits & 0xffff);
            return wordSwap ? new int[] {lo, hi} : new int[] {hi, lo};
        }
    }

    /** One write of a command: a constant {@code value}, or the payload field named by {@code from}. */
    public record Write(String point, Double value, String from) {}

    public Point point(String name) {
        return points.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Every problem of the map, so a configuration can be fixed in one go. */
    List<String> problems(String profile) {
        List<String> problems = new java.util.ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<Table, Map<Integer, String>> used = new HashMap<>();
        if (points.isEmpty()) {
            problems.add(profile + ": no points");
        }
        for (Point p : points) {
            String where = profile + " point '" + p.name() + "'";
            if (p.name() == null || !NAME.matcher(p.name()).matches()) {
                problems.add(where
                        + ": a name of 1-64 letters, digits, '_', '.', '-' is required (it becomes the metric name)");
            } else if (!names.add(p.name())) {
                problems.add(where + ": defined twice");
            }
            if (p.table() == null) {
                problems.add(where + ": table must be coil, discrete, input or holding");
                continue;
            }
            if (p.address() == null || p.address() < 0 || p.address() + p.width() > 65536) {
                problems.add(where + ": address must be 0..65535");
                continue;
            }
            if (p.scale() == 0) {
                problems.add(where + ": scale must not be 0");
            }
            if (p.writable() && (p.table() == Table.INPUT || p.table() == Table.DISCRETE)) {
                problems.add(where + ": " + p.table().name().toLowerCase() + " points are read-only");
            }
            for (int a = p.address(); a < p.address() + p.width(); a++) {
                String other =
                        used.computeIfAbsent(p.table(), t -> new HashMap<>()).putIfAbsent(a, p.name());
                if (other != null) {
                    problems.add(where + ": overlaps point '" + other + "' at "
                            + p.table().name().toLowerCase() + " " + a);
                    break;
                }
            }
        }
        commands.forEach((command, writes) -> {
            if (writes == null || writes.isEmpty()) {
                problems.add(profile + " command '" + command + "': no writes");
                return;
            }
            for (Write w : writes) {
                Point p = point(w.point());
                if (p == null || !p.writable()) {
                    problems.add(profile + " command '" + command + "': '" + w.point() + "' is not a writable point");
                }
                if ((w.value() == null) == (w.from() == null)) {
                    problems.add(profile + " command '" + command + "': each write needs either value or from");
                }
            }
        });
        return problems;
    }
}
