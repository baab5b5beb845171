package org.iotplatform.web.ui.stations;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.Severity;
import org.iotplatform.monitoring.FleetMonitor;
import org.iotplatform.monitoring.StationSummary;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.alerts.AlertUpdates;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.overview.StationTile;

/**
 * Every pumping station (the distinct values of the {@code station} tag) with its health and worst active
 * alert (marked again as soon as an alert is raised or cleared on this instance); each opens its station.
 */
@Route("stations")
@Menu(title = "Stations", order = 1, icon = "vaadin:factory")
@PageTitle("Stations · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class StationsView extends VerticalLayout {

    /** The stations and the worst severity of each one's active alerts, read together. */
    record Picture(List<StationSummary> stations, Map<String, Severity> alerts) {}

    private final FleetMonitor fleet;
    private final Alerts alerts;
    private final DashboardExecutor executor;
    private final Map<String, StationTile> byName = new HashMap<>();
    private final FlexLayout tiles = new FlexLayout();
    private final Paragraph state = new Paragraph("Loading stations…");

    @Inject
    public StationsView(FleetMonitor fleet, Alerts alerts, AlertFeed feed, DashboardExecutor executor) {
        this.fleet = fleet;
        this.alerts = alerts;
        this.executor = executor;
        setId("stations");
        tiles.setId("station-tiles");
        tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        tiles.addClassNames(LumoUtility.Gap.MEDIUM);
        tiles.setWidthFull();
        state.setId("stations-state");
        state.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(new H2("Pumping stations"), state, tiles);
        AlertUpdates.whileAttached(
                this,
                feed,
                executor,
                AlertUpdates.ACTIVE_CHANGED,
                ui -> executor.load(
                        ui, () -> alerts.activeWorstByTag(FleetMonitor.STATION_TAG), this::markAlerts, e -> {}));
    }

    private void markAlerts(Map<String, Severity> worst) {
        byName.forEach((name, tile) -> tile.alert(worst.get(name)));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        executor.load(
                event.getUI(),
                () -> new Picture(fleet.stations(), alerts.activeWorstByTag(FleetMonitor.STATION_TAG)),
                p -> {
                    List<StationSummary> stations = p.stations();
                    tiles.removeAll();
                    byName.clear();
                    stations.forEach(s -> {
                        StationTile tile = new StationTile(s);
                        byName.put(s.name(), tile);
                        tiles.add(tile);
                    });
                    markAlerts(p.alerts());
                    state.setVisible(stations.isEmpty());
                    state.setText("No stations yet. A device joins a station with the tag station=<name>.");
                },
                e -> state.setText(
                        "Stations cannot be shown just now: the server did not answer. Reload to try again."));
    }
}
