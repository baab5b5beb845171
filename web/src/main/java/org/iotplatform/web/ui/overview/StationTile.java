package org.iotplatform.web.ui.overview;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.iotplatform.alerts.Severity;
import org.iotplatform.monitoring.StationSummary;
import org.iotplatform.web.ui.components.HealthBadge;
import org.iotplatform.web.ui.components.SeverityBadge;
import org.iotplatform.web.ui.stations.StationView;

/**
 * A station on the overview: its name, health colour, connected devices and the worst severity of its
 * devices' active alerts; opens the station.
 */
public class StationTile extends RouterLink {

    private SeverityBadge alert;
    private Severity shownAlert;

    public StationTile(StationSummary station) {
        super(StationView.class, new RouteParameters(StationView.STATION, station.name()));
        setId("station-tile-" + station.name());
        getElement().setAttribute("data-health", station.health().name().toLowerCase(java.util.Locale.ROOT));
        Span name = new Span(station.name());
        name.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.LARGE);
        Span connected = new Span(station.connected() + " of " + (station.devices() - station.disabled()) + " connected"
                + (station.disabled() > 0 ? " · " + station.disabled() + " disabled" : ""));
        connected.addClassNames("station-tile-connected", LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        HealthBadge badge = new HealthBadge(station.health());
        badge.getStyle().set("align-self", "flex-start");
        add(name, badge, connected);
        addClassNames(
                "station-tile",
                "health-" + station.health().name().toLowerCase(java.util.Locale.ROOT),
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL,
                LumoUtility.TextColor.BODY);
        getStyle()
                .set("min-width", "12em")
                .set("flex", "0 1 14em")
                .set("text-decoration", "none")
                .set("border-left", "6px solid " + HealthBadge.colour(station.health()));
    }

    /**
     * Shows the worst severity of the station's active alerts (null: none) as a badge and in
     * {@code data-alert}; the left border stays the health's.
     */
    public void alert(Severity worst) {
        if (worst == shownAlert) {
            return; // unchanged: nothing sent to the browser on this refresh
        }
        shownAlert = worst;
        if (alert != null) {
            remove(alert);
            alert = null;
        }
        if (worst == null) {
            getElement().removeAttribute("data-alert");
            return;
        }
        getElement().setAttribute("data-alert", worst.value());
        alert = new SeverityBadge(worst.value());
        alert.setText(worst.value() + " alert");
        alert.addClassNames("station-tile-alert");
        alert.getStyle().set("align-self", "flex-start");
        add(alert);
    }
}
