package org.iotplatform.web.ui.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.vaadin.flow.component.html.Div;
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
    void bordersAndFiguresUseTheBadgesColours() {
        assertEquals(
                List.of(
                        "var(--lumo-error-color)",
                        "var(--lumo-error-color-50pct)",
                        "var(--lumo-warning-color, #e8a317)",
                        "var(--lumo-contrast-50pct)"),
                Arrays.stream(Severity.values())
                        .map(s -> SeverityBadge.colour(s.value()))
                        .toList());
        assertEquals("var(--lumo-contrast-30pct)", SeverityBadge.colour("urgent"));
    }

    @Test
    void aMarkedComponentCarriesItsWorstAlertUntilItHasNone() {
        Div card = new Div();
        SeverityBadge.markAlert(card, Severity.MAJOR);
        assertEquals("major", card.getElement().getAttribute("data-alert"));
        assertEquals("6px solid var(--lumo-error-color-50pct)", card.getStyle().get("border-left"));
        SeverityBadge.markAlert(card, null);
        assertFalse(card.getElement().hasAttribute("data-alert"));
        assertNull(card.getStyle().get("border-left"));
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
