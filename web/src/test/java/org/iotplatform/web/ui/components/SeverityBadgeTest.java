package org.iotplatform.web.ui.components;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.iotplatform.alerts.Severity;
import org.junit.jupiter.api.Test;

class SeverityBadgeTest {

    @Test
    void eachSeverityHasItsOwnColourWorstMostAlarming() {
        assertEquals(
                List.of("error primary", "error", "warning", "contrast"),
                Arrays.stream(Severity.values())
                        .map(s -> SeverityBadge.theme(s.value()))
                        .toList());
        assertEquals("contrast", SeverityBadge.theme("urgent"), "an unknown severity is shown, neutral");
        assertEquals("contrast", SeverityBadge.theme(null));
    }

    @Test
    void ranksWorstFirstAndUnknownLast() {
        assertEquals(
                List.of(0, 1, 2, 3, 4),
                List.of("critical", "major", "minor", "warning", "urgent").stream()
                        .map(SeverityBadge::rank)
                        .toList());
    }

    @Test
    void theBadgeCarriesItsSeverityForStylesAndTests() {
        SeverityBadge badge = new SeverityBadge("critical");
        assertEquals("critical", badge.getText());
        assertEquals("critical", badge.getElement().getAttribute("data-severity"));
        assertEquals("badge error primary", badge.getElement().getAttribute("theme"));
    }
}
