package org.iotplatform.web.ui.overview;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import java.util.Map;
import org.iotplatform.alerts.Severity;
import org.iotplatform.monitoring.FleetCounts;
import org.iotplatform.monitoring.StationSummary;
import org.iotplatform.web.ui.KaribuTest;
import org.iotplatform.web.ui.components.SeverityBadge;
import org.junit.jupiter.api.Test;

class OverviewViewsTest extends KaribuTest {

    @Test
    void fleetFiguresShowCountsRatesAndDrawAttentionToRefusals() {
        FleetFigures figures = new FleetFigures();
        UI.getCurrent().add(figures);
        assertEquals("\u2026", text("kpi-devices"), "a placeholder until the figures arrive");
        figures.show(new FleetCounts(1000, 870, 120, 10), 600, 3);
        assertEquals("1,000", text("kpi-devices"));
        assertEquals("870", text("kpi-connected"));
        assertEquals("120", text("kpi-disconnected"));
        assertEquals("10", text("kpi-disabled"));
        assertEquals("600", text("kpi-messages"));
        assertEquals("3", text("kpi-rejected"));
        assertEquals(
                "var(--lumo-error-text-color)",
                _get(Span.class, s -> s.withId("kpi-rejected")).getStyle().get("color"));
        figures.show(new FleetCounts(1000, 990, 0, 10), 600, 0);
        assertNull(
                _get(Span.class, s -> s.withId("kpi-rejected")).getStyle().get("color"),
                "no refusals, no alarm colour");
        assertEquals("88 %", FleetFigures.percent(870, 990));
        assertEquals("0 %", FleetFigures.percent(0, 0));
    }

    @Test
    void aStationTileCarriesItsHealthAndOpensTheStation() {
        StationTile tile = new StationTile(new StationSummary("station-03", 4, 3, 0));
        UI.getCurrent().add(tile);
        assertEquals("degraded", tile.getElement().getAttribute("data-health"));
        assertEquals("stations/station-03", tile.getHref());
        assertEquals(
                "3 of 4 connected",
                _get(tile, Span.class, s -> s.withClasses("station-tile-connected"))
                        .getText());
        StationTile down = new StationTile(new StationSummary("station-04", 4, 0, 1));
        assertEquals("down", down.getElement().getAttribute("data-health"));
    }

    @Test
    void theOpenAlertsCardCountsBySeverityEachLinkingToItsAlerts() {
        AlertFigures alerts = new AlertFigures();
        UI.getCurrent().add(alerts);
        assertEquals("\u2026", link("kpi-alerts-major").getText(), "a placeholder until the counts arrive");
        alerts.show(Map.of(Severity.CRITICAL, 0L, Severity.MAJOR, 2L, Severity.MINOR, 1_200L));
        assertEquals("0", link("kpi-alerts-critical").getText());
        assertEquals("2", link("kpi-alerts-major").getText());
        assertEquals("1,200", link("kpi-alerts-minor").getText());
        assertEquals("0", link("kpi-alerts-warning").getText(), "a severity without alerts counts 0");
        assertEquals("alerts?severity=major", link("kpi-alerts-major").getHref());
        assertEquals(
                SeverityBadge.colour("major"),
                link("kpi-alerts-major").getStyle().get("color"));
    }

    @Test
    void aStationTileShowsItsWorstAlertUntilItHasNone() {
        StationTile tile = new StationTile(new StationSummary("station-05", 2, 2, 0));
        UI.getCurrent().add(tile);
        assertFalse(tile.getElement().hasAttribute("data-alert"));
        tile.alert(Severity.CRITICAL);
        assertEquals("critical", tile.getElement().getAttribute("data-alert"));
        assertEquals(
                "critical alert",
                _get(tile, SeverityBadge.class, s -> s.withClasses("station-tile-alert"))
                        .getText());
        tile.alert(Severity.MINOR);
        assertEquals("minor", tile.getElement().getAttribute("data-alert"));
        _assertOne(tile, SeverityBadge.class, s -> s.withClasses("station-tile-alert"));
        tile.alert(null);
        assertFalse(tile.getElement().hasAttribute("data-alert"));
        _assertNone(tile, SeverityBadge.class, s -> s.withClasses("station-tile-alert"));
    }

    private static RouterLink link(String id) {
        return _get(RouterLink.class, s -> s.withId(id));
    }

    private static String text(String id) {
        return _get(Span.class, s -> s.withId(id)).getText();
    }
}
