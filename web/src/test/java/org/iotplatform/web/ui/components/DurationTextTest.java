package org.iotplatform.web.ui.components;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void theLargestUnitThatKeepsTheFigureAboveOneWithOneDecimalAtMost() {
        assertEquals("0.4 s", DurationText.of(0.4));
        assertEquals("45 s", DurationText.of(45));
        assertEquals("12.3 min", DurationText.of(738));
        assertEquals("2.1 h", DurationText.of(7_560));
        assertEquals("1 day", DurationText.of(86_400));
        assertEquals("2.1 days", DurationText.of(181_440));
        assertEquals("45 days", DurationText.of(45 * 86_400));
        assertEquals("-5 min", DurationText.of(-300));
        assertEquals("1.5 s", DurationText.of(Duration.ofMillis(1_500)));
        assertEquals("2.1 h", DurationText.of(Duration.parse("PT125M")));
    }

    @Test
    void remainingLifeSaysAboutHowMuchIsLeftOrThatItIsDue() {
        assertEquals("about 3.2 days left", DurationText.left(276_480));
        assertEquals("about 40 min left", DurationText.left(2_400));
        assertEquals("due now", DurationText.left(0));
        assertEquals("due now", DurationText.left(-120));
    }

    @Test
    void notANumberIsUnknown() {
        assertEquals("unknown", DurationText.of(Double.NaN));
    }
}
