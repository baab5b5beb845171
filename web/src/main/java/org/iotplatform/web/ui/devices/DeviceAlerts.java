package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.web.ui.alerts.AlertsView;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.SeverityBadge;

/**
 * The device's recent alerts, active first, then newest first: severity, rule, state and when it was
 * raised; each opens the Alerts view for this device, where operators act on them.
 */
class DeviceAlerts extends Composite<Div> {

    static final int SHOWN = 20;

    /** Active before cleared; within each, newest first (ids grow with time). */
    static final Comparator<AlertView> ORDER = Comparator.comparing((AlertView a) -> !a.active())
            .thenComparing(Comparator.comparingLong(AlertView::id).reversed());

    private final DeviceId deviceId;
    private final Alerts alerts;
    private final DashboardExecutor executor;
    private final Div rows = new Div();
    private final Span state = new Span("Loading alerts…");
    private List<AlertView> shown;

    DeviceAlerts(DeviceId deviceId, Alerts alerts, DashboardExecutor executor) {
        this.deviceId = deviceId;
        this.alerts = alerts;
        this.executor = executor;
        state.addClassNames("device-alerts-state", LumoUtility.TextColor.SECONDARY);
        rows.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.XSMALL);
        Div content = getContent();
        content.setWidthFull();
        content.add(state, rows);
    }

    /** Reads the alerts off the UI thread; also on each tick of the page, so new ones appear. */
    void load(UI ui) {
        executor.load(
                ui,
                () -> alerts.list(deviceId.value(), null, null, SHOWN).stream()
                        .sorted(ORDER)
                        .toList(),
                this::show,
                e -> {
                    if (shown == null) {
                        state.setText("Alerts cannot be shown just now: the server did not answer.");
                    }
                });
    }

    void show(List<AlertView> list) {
        if (list.equals(shown)) {
            return;
        }
        shown = list;
        rows.removeAll();
        list.forEach(a -> rows.add(row(a)));
        state.setText("No alerts for this device.");
        state.setVisible(list.isEmpty());
    }

    private Div row(AlertView a) {
        RouterLink rule = AlertsView.link(Objects.requireNonNullElse(a.rule(), ""), AlertsView.DEVICE, a.deviceId());
        rule.addClassNames("device-alert-rule", LumoUtility.FontWeight.SEMIBOLD);
        Span raised = new Span("raised " + AlertsView.time(a.raisedAt()) + " UTC");
        raised.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div row = new Div(new SeverityBadge(a.severity()), rule, AlertsView.stateBadge(a.state()), raised);
        row.addClassNames(
                "device-alert", LumoUtility.Display.FLEX, LumoUtility.AlignItems.BASELINE, LumoUtility.Gap.MEDIUM);
        row.getElement().setAttribute("data-alert-id", Long.toString(a.id()));
        return row;
    }
}
