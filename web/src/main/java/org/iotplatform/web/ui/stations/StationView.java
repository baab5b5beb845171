package org.iotplatform.web.ui.stations;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.Severity;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.monitoring.DeviceSnapshot;
import org.iotplatform.monitoring.FleetMonitor;
import org.iotplatform.monitoring.StationStatus;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.TelemetryFeed;
import org.iotplatform.telemetry.TelemetryMessage;
import org.iotplatform.web.ui.CurrentOperator;
import org.iotplatform.web.ui.alerts.AlertUpdates;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.HealthBadge;
import org.iotplatform.web.ui.components.ThrottledUpdates;

/**
 * One pumping station ({@code /stations/<name>}): its health, a drawn schematic and its pumps side by
 * side with their live values, each coloured by its worst active alert. Values arrive from the
 * telemetry feed as they are stored; connection states and alerts are read again every few seconds, the
 * alerts also at once when one is raised or cleared. A
 * pump's id opens its device page.
 */
@Route("stations/:" + StationView.STATION)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class StationView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String STATION = "station";
    static final Duration LIVE_FLUSH = Duration.ofMillis(700);
    static final Duration STATE_REFRESH = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(StationView.class.getName());

    /** The station as read, with the worst severity of each device's active alerts (one query for all). */
    record Picture(Optional<StationStatus> station, Map<String, Severity> alerts) {}

    private final FleetMonitor fleet;
    private final Alerts alerts;
    private final TelemetryFeed feed;
    private final AlertFeed alertFeed;
    private final DirectMethods methods;
    private final DashboardExecutor executor;
    private final Clock clock;
    private final boolean mayCommand;

    private final Span summary = new Span();
    private final HealthBadge health = new HealthBadge(org.iotplatform.monitoring.Health.EMPTY);
    private final Div schematic = new Div();
    private final FlexLayout cards = new FlexLayout();
    private final Paragraph state = new Paragraph("Loading the station…");
    private final Map<String, PumpCard> byDevice = new LinkedHashMap<>();
    private final List<AutoCloseable> live = new ArrayList<>();
    private String name = "";
    private ScheduledFuture<?> ticker;

    @Inject
    public StationView(
            FleetMonitor fleet,
            Alerts alerts,
            TelemetryFeed feed,
            AlertFeed alertFeed,
            DirectMethods methods,
            DashboardExecutor executor,
            Clock clock) {
        this.fleet = fleet;
        this.alerts = alerts;
        this.feed = feed;
        this.alertFeed = alertFeed;
        this.methods = methods;
        this.executor = executor;
        this.clock = clock;
        this.mayCommand = CurrentOperator.role()
                .filter(r -> r == Role.ADMIN || r == Role.OPERATOR)
                .isPresent();
        setId("station");
        addClassNames(LumoUtility.Gap.MEDIUM);
        cards.setId("pump-cards");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassNames(LumoUtility.Gap.MEDIUM);
        cards.setWidthFull();
        schematic.setWidthFull();
        schematic.addClassNames(
                LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.LARGE, LumoUtility.Background.CONTRAST_5);
        state.setId("station-state");
        state.addClassNames(LumoUtility.TextColor.SECONDARY);
        summary.setId("station-summary");
        summary.addClassNames(LumoUtility.TextColor.SECONDARY);
        health.setId("station-health");
    }

    @Override
    public String getPageTitle() {
        return name + " · IoT Platform";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        stopLive(); // Flow reuses this view from one station to the next
        byDevice.clear();
        cards.removeAll();
        schematic.removeAll();
        name = event.getRouteParameters().get(STATION).orElse("");
        getElement().setAttribute("data-station", name);
        H2 title = new H2(name);
        title.addClassNames(LumoUtility.Margin.NONE);
        HorizontalLayout head = new HorizontalLayout(title, health, summary);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        RouterLink back = new RouterLink("\u2190 All stations", StationsView.class);
        back.setId("back-to-stations");
        removeAll();
        add(back, head, state, schematic, cards);
        state.setText("Loading the station…");
        state.setVisible(true);
        UI ui = event.getUI();
        executor.load(ui, this::picture, p -> show(ui, p), e -> {
            LOG.log(Level.WARNING, "station " + name + " not available", e);
            state.setText("The station cannot be shown just now: the server did not answer. Reload to try again.");
        });
    }

    private Picture picture() {
        return new Picture(fleet.station(name), alerts.activeWorstByDevice());
    }

    private void show(UI ui, Picture picture) {
        Optional<StationStatus> found = picture.station();
        if (found.isEmpty()) {
            state.setText("There is no station named \u201c" + name + "\u201d: no device carries the tag station="
                    + name + ".");
            getElement().setAttribute("data-loaded", "missing");
            return;
        }
        state.setVisible(false);
        StationStatus station = found.get();
        for (DeviceSnapshot d : station.devices()) {
            PumpCard card = new PumpCard(d, mayCommand ? (id, method) -> command(ui, id, method) : null);
            card.alert(picture.alerts().get(d.deviceId()));
            byDevice.put(d.deviceId(), card);
            cards.add(card);
        }
        redraw();
        getElement().setAttribute("data-loaded", "true");
        if (isAttached()) {
            startLive(ui);
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (!byDevice.isEmpty() && live.isEmpty()) {
            startLive(event.getUI());
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopLive();
        super.onDetach(event);
    }

    private void startLive(UI ui) {
        ThrottledUpdates<TelemetryMessage> updates =
                new ThrottledUpdates<>(ui, executor, LIVE_FLUSH, 2_000, this::applyLive);
        live.add(updates);
        for (String id : byDevice.keySet()) {
            updates.closeWith(feed.subscribe(DeviceId.of(id), updates::offer));
        }
        Runnable readState = () -> executor.load(ui, this::picture, this::refreshState, e -> {});
        live.add(AlertUpdates.subscribe(ui, alertFeed, executor, AlertUpdates.ACTIVE_CHANGED, readState));
        ticker = executor.every(ui, STATE_REFRESH, readState);
    }

    private void stopLive() {
        live.forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a live feed", e);
            }
        });
        live.clear();
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    private void applyLive(List<TelemetryMessage> messages) {
        var now = clock.instant();
        for (TelemetryMessage m : messages) {
            PumpCard card = byDevice.get(m.deviceId().value());
            if (card != null) {
                card.show(card.pump().with(m.values(), m.timestamp()), now);
            }
        }
        redraw();
    }

    private void refreshState(Picture fresh) {
        var now = clock.instant();
        byDevice.forEach((id, card) -> card.alert(fresh.alerts().get(id)));
        fresh.station()
                .ifPresent(s -> s.devices().forEach(d -> {
                    PumpCard card = byDevice.get(d.deviceId());
                    if (card != null) {
                        card.show(card.pump().withStateOf(d), now);
                    }
                }));
        redraw();
    }

    private void redraw() {
        StationStatus now = new StationStatus(
                name, byDevice.values().stream().map(PumpCard::pump).toList());
        health.show(now.health());
        long connected =
                now.devices().stream().filter(DeviceSnapshot::connected).count();
        int devices = now.devices().size();
        summary.setText(devices + (devices == 1 ? " device · " : " devices · ") + connected + " connected");
        schematic.removeAll();
        // in a div: Html makes its root element itself (an svg root would land in the HTML namespace and not draw)
        schematic.add(new Html("<div>" + StationSchematic.svg(now) + "</div>"));
    }

    private void command(UI ui, String deviceId, String method) {
        String operator = CurrentOperator.username();
        try {
            methods.invoke(DeviceId.of(deviceId), method, "{}", Duration.ofSeconds(15), operator)
                    .whenComplete((result, error) -> DashboardExecutor.access(ui, () -> {
                        if (error == null) {
                            Notification.show(
                                            method + " sent to " + deviceId + ": status " + result.status(),
                                            4000,
                                            Notification.Position.BOTTOM_START)
                                    .addThemeVariants(
                                            result.status() < 300
                                                    ? NotificationVariant.LUMO_SUCCESS
                                                    : NotificationVariant.LUMO_WARNING);
                        } else {
                            Notification.show(
                                            method + " on " + deviceId + " failed: " + reason(error),
                                            6000,
                                            Notification.Position.BOTTOM_START)
                                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
                        }
                    }));
        } catch (RuntimeException e) {
            Notification.show(
                            method + " not sent to " + deviceId + ": " + reason(e),
                            6000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** A reason for people: our own exceptions' messages, never a stack trace. */
    private static String reason(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getName().startsWith("org.iotplatform") && t.getMessage() != null
                ? t.getMessage()
                : "the server could not answer; try again in a moment";
    }
}
