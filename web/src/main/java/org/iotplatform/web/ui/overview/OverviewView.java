package org.iotplatform.web.ui.overview;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.Severity;
import org.iotplatform.monitoring.FleetCounts;
import org.iotplatform.monitoring.FleetMonitor;
import org.iotplatform.monitoring.StationSummary;
import org.iotplatform.operators.Role;
import org.iotplatform.web.platform.PlatformMonitor;
import org.iotplatform.web.ui.alerts.AlertUpdates;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.vending.VendingView;

/**
 * The home view, the fleet at a glance: devices by state, messages per minute, refused messages, active
 * alerts by severity and every pumping station with its health colour and worst alert, refreshed by
 * server push every few seconds; the alert figures also at once when an alert is raised or cleared. The figures are read off the request thread; the view shows "…" until
 * they arrive.
 */
@Route("")
@Menu(title = "Overview", order = 0, icon = "vaadin:dashboard")
@PageTitle("Overview · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class OverviewView extends VerticalLayout {

    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(OverviewView.class.getName());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The active alerts by severity and each station's worst, read again when an alert is raised or cleared. */
    record AlertPicture(Map<Severity, Long> active, Map<String, Severity> byStation) {}

    /** Everything the view shows, read in one go. */
    record Picture(
            FleetCounts counts,
            long messagesPerMinute,
            long rejectedLastHour,
            List<StationSummary> stations,
            long vendingMachines,
            AlertPicture alerts) {}

    private final FleetMonitor fleet;
    private final Alerts alerts;
    private final DashboardExecutor executor;
    private final Clock clock;
    private final FleetFigures figures = new FleetFigures();
    private final AlertFigures alertFigures = new AlertFigures();
    private final FlexLayout stations = new FlexLayout();
    private final Paragraph stationsState = new Paragraph("Loading stations…");
    private final RouterLink vending = new RouterLink("", VendingView.class);
    private final Span updated = new Span();
    private List<StationSummary> shownStations;
    private final Map<String, StationTile> tiles = new HashMap<>();

    @Inject
    public OverviewView(
            FleetMonitor fleet,
            Alerts alerts,
            AlertFeed feed,
            PlatformMonitor platform,
            DashboardExecutor executor,
            Clock clock) {
        this.fleet = fleet;
        this.alerts = alerts;
        this.executor = executor;
        this.clock = clock;
        setId("overview");
        addClassNames(LumoUtility.Gap.MEDIUM);

        H2 title = new H2("Fleet overview");
        title.addClassNames(LumoUtility.Margin.NONE);
        updated.setId("overview-updated");
        updated.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        HorizontalLayout head = new HorizontalLayout(title, updated);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        stations.setId("station-tiles");
        stations.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        stations.addClassNames(LumoUtility.Gap.MEDIUM);
        stations.setWidthFull();
        stationsState.setId("stations-state");
        stationsState.addClassNames(LumoUtility.TextColor.SECONDARY);

        vending.setId("vending-link");
        FlexLayout platformCards = new FlexLayout(
                PlatformCards.database(platform.database()), PlatformCards.integration(platform.camel()));
        platformCards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        platformCards.addClassNames(LumoUtility.Gap.MEDIUM);

        add(
                head,
                figures,
                alertFigures,
                section("Pumping stations", stationsState, stations),
                section("Vending machines", vending),
                section("Platform", platformCards));
        executor.refreshWhileAttached(this, REFRESH, this::refresh);
        AlertUpdates.whileAttached(this, feed, executor, AlertUpdates.ACTIVE_CHANGED, this::refreshAlerts);
    }

    private static Div section(String title, com.vaadin.flow.component.Component... content) {
        H3 heading = new H3(title);
        heading.addClassNames(
                LumoUtility.FontSize.LARGE, LumoUtility.Margin.Bottom.SMALL, LumoUtility.Margin.Top.MEDIUM);
        Div section = new Div(heading);
        section.add(content);
        section.setWidthFull();
        return section;
    }

    private void refresh(UI ui) {
        executor.load(ui, this::picture, this::show, e -> {
            LOG.log(Level.WARNING, "fleet overview not available", e);
            updated.setText("Figures not available just now: the server did not answer. Retrying every "
                    + REFRESH.toSeconds() + " s.");
            if (shownStations == null) {
                stationsState.setText("Stations not available just now.");
            }
        });
    }

    private void refreshAlerts(UI ui) {
        executor.load(
                ui,
                this::alertPicture,
                this::showAlerts,
                e -> LOG.log(Level.FINE, "alert figures not read this time; the next refresh reads them", e));
    }

    private AlertPicture alertPicture() {
        return new AlertPicture(alerts.activeCountsBySeverity(), alerts.activeWorstByTag(FleetMonitor.STATION_TAG));
    }

    void showAlerts(AlertPicture p) {
        alertFigures.show(p.active());
        tiles.forEach((name, tile) -> tile.alert(p.byStation().get(name)));
    }

    /** Stations in trouble first (down, then degraded), each group by name: what an operator looks at first. */
    private Picture picture() {
        List<StationSummary> stations = fleet.stations().stream()
                .sorted(java.util.Comparator.comparing(StationSummary::health).thenComparing(StationSummary::name))
                .toList();
        return new Picture(
                fleet.counts(),
                fleet.messagesWithin(Duration.ofMinutes(1)),
                fleet.rejectedWithin(Duration.ofHours(1)),
                stations,
                fleet.countTagged(FleetMonitor.KIND_TAG, "vending"),
                alertPicture());
    }

    void show(Picture p) {
        figures.show(p.counts(), p.messagesPerMinute(), p.rejectedLastHour());
        if (!p.stations().equals(shownStations)) {
            shownStations = p.stations();
            stations.removeAll();
            tiles.clear();
            p.stations().forEach(s -> {
                StationTile tile = new StationTile(s);
                tiles.put(s.name(), tile);
                stations.add(tile);
            });
        }
        showAlerts(p.alerts());
        stationsState.setText(
                p.stations().isEmpty()
                        ? "No stations yet. A device joins a station with the tag station=<name> (the simulator's pumps do)."
                        : "");
        stationsState.setVisible(p.stations().isEmpty());
        vending.setText(
                p.vendingMachines() == 0
                        ? "No vending machines registered (devices tagged kind=vending)."
                        : p.vendingMachines() + " vending machines: stock, cabinet temperature and refills \u2192");
        updated.setText("updated " + TIME.format(clock.instant()));
    }
}
