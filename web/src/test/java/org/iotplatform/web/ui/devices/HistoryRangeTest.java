package org.iotplatform.web.ui.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.iotplatform.web.ui.devices.HistoryRange.Resolution;
import org.junit.jupiter.api.Test;

class HistoryRangeTest {

    @Test
    void automaticResolutionFollowsTheRangeLength() {
        assertEquals(Resolution.RAW, Resolution.automatic(Duration.ofHours(1)));
        assertEquals(Resolution.RAW, Resolution.automatic(Duration.ofHours(2)));
        assertEquals(Resolution.MINUTE, Resolution.automatic(Duration.ofHours(2).plusSeconds(1)));
        assertEquals(Resolution.MINUTE, Resolution.automatic(Duration.ofDays(2)));
        assertEquals(Resolution.HOUR, Resolution.automatic(Duration.ofDays(7)));
        assertEquals(Resolution.HOUR, Resolution.automatic(Duration.ofDays(60)));
        assertEquals(Resolution.DAY, Resolution.automatic(Duration.ofDays(61)));
    }

    @Test
    void aPickedResolutionWins() {
        Instant to = Instant.parse("2026-11-26T12:00:00Z");
        assertEquals(
                Resolution.DAY,
                new HistoryRange(to.minus(Duration.ofHours(1)), to, Resolution.DAY).effectiveResolution());
        assertEquals(
                Resolution.MINUTE,
                new HistoryRange(to.minus(Duration.ofDays(1)), to, Resolution.AUTO).effectiveResolution());
    }

    @Test
    void fromMustBeBeforeTo() {
        Instant t = Instant.parse("2026-11-26T12:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new HistoryRange(t, t, Resolution.AUTO));
    }

    @Test
    void valuesAndAgesReadShort() {
        assertEquals("71.3", LatestValueCards.format(71.3));
        assertEquals("0.333333", LatestValueCards.format(1.0 / 3));
        assertEquals("42", LatestValueCards.format(42.0));
        assertEquals("123457000", LatestValueCards.format(123_456_789));
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        assertEquals("just now", LatestValueCards.age(now.plusSeconds(3), now));
        assertEquals("12 s ago", LatestValueCards.age(now.minusSeconds(12), now));
        assertEquals("3 min ago", LatestValueCards.age(now.minusSeconds(200), now));
        assertEquals("2 h ago", LatestValueCards.age(now.minusSeconds(7300), now));
        assertEquals("5 d ago", LatestValueCards.age(now.minus(Duration.ofDays(5)), now));
    }
}
