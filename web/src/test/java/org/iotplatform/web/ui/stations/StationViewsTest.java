package org.iotplatform.web.ui.stations;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iotplatform.monitoring.DeviceSnapshot;
import org.iotplatform.monitoring.StationStatus;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.web.ui.KaribuTest;
import org.junit.jupiter.api.Test;

class StationViewsTest extends KaribuTest {

    private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void aPumpCardShowsKeyValuesWithUnitsAndNoCommandsForViewers() {
        DeviceSnapshot pump = new DeviceSnapshot(
                "station-01-pump-1",
                Map.of("station", "station-01", "position", "1"),
                DeviceStatus.ENABLED,
                ConnectionState.CONNECTED,
                T,
                T,
                Map.of(
                        "flow",
                        52.34,
                        "pressure",
                        4.1,
                        "temperature",
                        61.0,
                        "vibration",
                        2.315,
                        "speed",
                        1450.0,
                        "fault",
                        0.0));
        PumpCard card = new PumpCard(pump, null);
        UI.getCurrent().add(card);
        assertEquals("52.3 m\u00b3/h", card.text("flow"));
        assertEquals("4.10 bar", card.text("pressure"));
        assertEquals("61 \u00b0C", card.text("temperature"));
        assertEquals("1450 rpm", card.text("speed"));
        assertNull(card.text("fault"), "the fault flag is the state badge, not a value row");
        assertEquals("running", card.getElement().getAttribute("data-state"));
        assertEquals(
                "Running",
                _get(card, Span.class, s -> s.withClasses("pump-state")).getText());
        assertTrue(_find(card, Button.class).isEmpty(), "no command buttons without a command handler (viewers)");
    }

    @Test
    void operatorsStartAndStopAPumpAndTheCardFollowsLiveValues() {
        DeviceSnapshot pump = new DeviceSnapshot(
                "p1", Map.of(), DeviceStatus.ENABLED, ConnectionState.CONNECTED, T, T, Map.of("speed", 1450.0));
        List<String> sent = new ArrayList<>();
        PumpCard card = new PumpCard(pump, (id, method) -> sent.add(id + ":" + method));
        UI.getCurrent().add(card);
        _click(_get(card, Button.class, s -> s.withText("Stop")));
        assertEquals(List.of("p1:stop"), sent);
        card.show(pump.with(Map.of("speed", 0.0, "fault", 1.0), T.plusSeconds(3)), T.plusSeconds(10));
        assertEquals("fault", card.getElement().getAttribute("data-state"));
        assertEquals("0 rpm", card.text("speed"));
        assertEquals(
                "last value 7 s ago",
                _get(card, Span.class, s -> s.withClasses("pump-age")).getText());
    }

    @Test
    void aDeviceThatIsNotAPumpShowsItsOwnMetrics() {
        DeviceSnapshot level = new DeviceSnapshot(
                "tank-1",
                Map.of(),
                DeviceStatus.ENABLED,
                ConnectionState.CONNECTED,
                T,
                T,
                Map.of("level", 3.25, "inflow", 12.0));
        assertEquals(List.of("inflow", "level"), PumpCard.metricsOf(level));
        assertEquals("3.25", PumpCard.format("level", 3.25));
    }

    @Test
    void theSchematicDrawsEveryPumpInItsStateAndLinksToIt() {
        StationStatus station = new StationStatus(
                "station-01",
                List.of(
                        new DeviceSnapshot(
                                "station-01-pump-2",
                                Map.of("position", "2"),
                                DeviceStatus.ENABLED,
                                ConnectionState.DISCONNECTED,
                                T,
                                T,
                                Map.of()),
                        new DeviceSnapshot(
                                "station-01-pump-1",
                                Map.of("position", "1"),
                                DeviceStatus.ENABLED,
                                ConnectionState.CONNECTED,
                                T,
                                T,
                                Map.of("flow", 48.0, "speed", 1400.0))));
        String svg = StationSchematic.svg(station);
        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.indexOf("station-01-pump-1") < svg.indexOf("station-01-pump-2"), "position order");
        assertTrue(svg.contains("href='devices/station-01-pump-1'"));
        assertTrue(svg.contains("data-state='running'") && svg.contains("data-state='offline'"));
        assertTrue(svg.contains("48 m\u00b3/h"));
        assertTrue(
                StationSchematic.svg(new StationStatus("<b>", List.of())).contains("&lt;b&gt;"), "names are escaped");
    }
}
