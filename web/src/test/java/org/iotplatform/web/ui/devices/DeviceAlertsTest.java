package org.iotplatform.web.ui.devices;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.iotplatform.web.ui.alerts.AlertsViewTest.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.RouterLink;
import java.util.List;
import java.util.stream.Stream;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.web.ui.KaribuTest;
import org.junit.jupiter.api.Test;

class DeviceAlertsTest extends KaribuTest {

    @Test
    void activeAlertsComeFirstThenTheNewest() {
        AlertView oldOpen = alert(1, "open", "minor", 0);
        AlertView cleared = alert(5, "cleared", "critical", 5);
        AlertView acknowledged = alert(3, "acknowledged", "major", 3);
        AlertView olderCleared = alert(2, "cleared", "warning", 1);
        assertEquals(
                List.of(3L, 1L, 5L, 2L),
                Stream.of(oldOpen, cleared, acknowledged, olderCleared)
                        .sorted(DeviceAlerts.ORDER)
                        .map(AlertView::id)
                        .toList());
    }

    @Test
    void eachAlertShowsItsRuleLinkingToTheDevicesAlerts() {
        DeviceAlerts panel = new DeviceAlerts(DeviceId.of("pump-1"), null, null);
        UI.getCurrent().add(panel);
        panel.show(List.of(alert(1, "open", "major", 0)));
        List<Div> rows = _find(panel, Div.class, s -> s.withClasses("device-alert"));
        assertEquals(1, rows.size());
        RouterLink rule = _find(panel, RouterLink.class, s -> s.withClasses("device-alert-rule"))
                .get(0);
        assertEquals("hot", rule.getText());
        assertEquals("alerts?device=pump-1", rule.getHref());
    }
}
