package org.iotplatform.web.api.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iotplatform.telemetry.HistoryLine;
import org.iotplatform.web.api.InvalidJsonException;
import org.iotplatform.web.api.InvalidParameterException;
import org.junit.jupiter.api.Test;

class HistoryFileTest {

    private static String text(HistoryLine line) {
        return new String(line.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void csvLinesBecomeLivePayloadsNumberedAsInTheFile() throws Exception {
        List<HistoryLine> lines = HistoryFile.csv(new StringReader("\uFEFFts,temperature,running\r\n"
                + "2026-12-01T10:00:00Z,71.5,true\r\n"
                + "\r\n"
                + "2026-12-01T10:01:00Z,,false\n"
                + "2026-12-01T10:02:00Z,hot,1\n"
                + "2026-12-01T10:03:00Z,70,1,9"));
        assertEquals(4, lines.size());
        assertEquals(2, lines.get(0).line());
        assertEquals("{\"ts\":\"2026-12-01T10:00:00Z\",\"temperature\":71.5,\"running\":true}", text(lines.get(0)));
        assertNull(lines.get(0).refusal());
        assertEquals(4, lines.get(1).line(), "the blank line 3 is skipped, not renumbered");
        assertEquals(
                "{\"ts\":\"2026-12-01T10:01:00Z\",\"running\":false}", text(lines.get(1)), "an empty cell: no value");
        assertEquals("{\"ts\":\"2026-12-01T10:02:00Z\",\"temperature\":\"hot\",\"running\":1}", text(lines.get(2)));
        assertEquals(6, lines.get(3).line(), "the last line, without a line break");
        assertEquals("4 values for 3 columns", lines.get(3).refusal());
    }

    @Test
    void aCsvFileWithoutATimeColumnOrWithAColumnTwiceIsRefusedAsAWhole() {
        assertThrows(InvalidParameterException.class, () -> HistoryFile.csv(new StringReader("")));
        assertThrows(InvalidParameterException.class, () -> HistoryFile.csv(new StringReader("time,temperature\n")));
        assertThrows(
                InvalidParameterException.class, () -> HistoryFile.csv(new StringReader("ts\n2026-12-01T10:00:00Z\n")));
        InvalidParameterException twice =
                assertThrows(InvalidParameterException.class, () -> HistoryFile.csv(new StringReader("ts,a,a\n")));
        assertTrue(twice.getMessage().contains("'a' twice"), twice.getMessage());
    }

    @Test
    void aJsonArrayGivesOneLineAnElementAndAnythingElseIsRefused() {
        List<HistoryLine> lines = HistoryFile.json(new ByteArrayInputStream(
                "[{\"ts\":\"2026-12-01T10:00:00Z\",\"a\":1}, 7, {\"b\":[1]}]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, lines.size());
        assertEquals("{\"ts\":\"2026-12-01T10:00:00Z\",\"a\":1}", text(lines.get(0)));
        assertEquals("7", text(lines.get(1)), "left to the policy: not an object");
        assertEquals(3, lines.get(2).line());
        assertThrows(InvalidJsonException.class, () -> HistoryFile.json(new ByteArrayInputStream("{}".getBytes())));
        assertThrows(
                InvalidJsonException.class, () -> HistoryFile.json(new ByteArrayInputStream("[{\"a\":".getBytes())));
        assertThrows(InvalidJsonException.class, () -> HistoryFile.json(new ByteArrayInputStream("".getBytes())));
    }
}
