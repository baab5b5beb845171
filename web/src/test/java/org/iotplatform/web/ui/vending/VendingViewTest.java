package org.iotplatform.web.ui.vending;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iotplatform.monitoring.DeviceSnapshot;
import org.iotplatform.monitoring.RefillRule;
import org.iotplatform.monitoring.VendingStatus;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.web.ui.KaribuTest;
import org.junit.jupiter.api.Test;

class VendingViewTest extends KaribuTest {

    private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void theVendingViewCountsVisitsAndFiltersToThem() {
        RefillRule rule = new RefillRule(3, 8.0);
        List<VendingStatus> machines = List.of(
                rule.assess(vending(
                        "vm-1", true, Map.of("stock1", 2.0, "stock2", 11.0, "stock3", 1.0, "cabinetTemperature", 4.5))),
                rule.assess(vending("vm-2", true, Map.of("stock1", 9.0, "stock2", 11.0, "cabinetTemperature", 9.1))),
                rule.assess(vending("vm-3", false, Map.of("stock1", 9.0, "stock2", 11.0, "cabinetTemperature", 4.0))));
        // not attached, so nothing is loaded: show() is fed directly
        VendingView view = new VendingView(null, new org.iotplatform.web.ui.components.DashboardExecutor());
        view.show(machines);
        assertEquals("3", text(view, "vending-machines"));
        assertEquals("1", text(view, "vending-to-refill"));
        assertEquals("1", text(view, "vending-too-warm"));
        assertEquals("1", text(view, "vending-offline"));
        assertEquals(3, _size(view.grid));
        view.onlyVisits.setValue(true);
        assertEquals(2, _size(view.grid));
        assertEquals("Refill slots 1, 3", VendingView.actionText(machines.get(0)));
        assertEquals("Check cooling", VendingView.actionText(machines.get(1)));
        assertEquals("OK", VendingView.actionText(machines.get(2)));
    }

    private static DeviceSnapshot vending(String id, boolean connected, Map<String, Double> values) {
        return new DeviceSnapshot(
                id,
                Map.of("kind", "vending", "site", "site-a"),
                DeviceStatus.ENABLED,
                connected ? ConnectionState.CONNECTED : ConnectionState.DISCONNECTED,
                T,
                T,
                values);
    }

    private static String text(VendingView view, String id) {
        return _get(view, Span.class, s -> s.withId(id)).getText();
    }
}
