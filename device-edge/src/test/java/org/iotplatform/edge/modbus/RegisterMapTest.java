package org.iotplatform.edge.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Register encodings and the configuration's checks. */
class RegisterMapTest {

    private static RegisterMap.Point point(
            RegisterMap.Table table, RegisterMap.Type type, double scale, boolean wordSwap) {
        return new RegisterMap.Point("p", table, 0, type, scale, 0.0, wordSwap, true);
    }

    @Test
    void encodingsRoundTrip() {
        RegisterMap.Point int16 = point(RegisterMap.Table.HOLDING, RegisterMap.Type.INT16, 0.1, false);
        assertArrayEquals(new int[] {0xff85}, int16.encode(-12.3));
        assertEquals(-12.3, int16.decodeWords(new int[] {0xff85}));

        RegisterMap.Point uint32 = point(RegisterMap.Table.HOLDING, RegisterMap.Type.UINT32, 1, false);
        assertArrayEquals(new int[] {0x0001, 0x0002}, uint32.encode(65538));
        assertEquals(65538.0, uint32.decodeWords(new int[] {1, 2}));
        RegisterMap.Point swapped = point(RegisterMap.Table.HOLDING, RegisterMap.Type.UINT32, 1, true);
        assertEquals(65538.0, swapped.decodeWords(new int[] {2, 1}));

        RegisterMap.Point float32 = point(RegisterMap.Table.HOLDING, RegisterMap.Type.FLOAT32, 1, false);
        assertEquals(3.25, float32.decodeWords(float32.encode(3.25)));

        RegisterMap.Point coil = point(RegisterMap.Table.COIL, null, 1, false);
        assertEquals(true, coil.decodeWords(new int[] {1}));
        assertArrayEquals(new int[] {0}, coil.encode(0));
    }

    @Test
    void valuesARegisterCannotHoldAreRefusedNotWrapped() {
        RegisterMap.Point uint16 = point(RegisterMap.Table.HOLDING, RegisterMap.Type.UINT16, 1, false);
        assertThrows(IllegalArgumentException.class, () -> uint16.encode(70_000));
        assertThrows(IllegalArgumentException.class, () -> uint16.encode(-1));
        assertArrayEquals(new int[] {0xffff}, uint16.encodeClamped(70_000));
    }

    @Test
    void aBrokenConfigurationNamesEveryProblem() throws Exception {
        Path file = Files.createTempFile("modbus", ".json");
        Files.writeString(file, """
            {"keys": "keys.csv",
             "profiles": {"p": {
               "points": [
                 {"name": "a", "table": "input", "address": 0},
                 {"name": "b", "table": "input", "address": 0},
                 {"name": "a", "table": "holding", "address": 3, "type": "uint32", "writable": true},
                 {"name": "ro", "table": "input", "address": 5, "writable": true}],
               "commands": {"go": [{"point": "nope", "value": 1}], "set": [{"point": "a"}]}}},
             "devices": [{"deviceId": "d 1", "host": "h", "profile": "missing"}]}
            """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModbusConfig.load(file));
        for (String expected : new String[] {
            "overlaps point 'a'",
            "defined twice",
            "input points are read-only",
            "'nope' is not a writable point",
            "either value or from",
            "deviceId must be",
            "unknown profile 'missing'"
        }) {
            assertTrue(e.getMessage().contains(expected), "missing '" + expected + "' in:\n" + e.getMessage());
        }
        Files.writeString(file, "{\"devices\": [], \"profile\": {}}");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ModbusConfig.load(file));
        assertTrue(unknown.getMessage().contains("profile"), unknown.getMessage());
    }
}
