package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.commanding.CloudToDeviceMessages;
import org.iotplatform.commanding.CommandHistory;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.maintenance.RulEstimates;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.registry.InvalidDeviceException;
import org.iotplatform.registry.RegisteredDevice;
import org.iotplatform.telemetry.TelemetryFeed;
import org.iotplatform.telemetry.TelemetryHistory;
import org.iotplatform.telemetry.TelemetryMessage;
import org.iotplatform.twin.DeviceTwins;
import org.iotplatform.web.ui.CurrentOperator;
import org.iotplatform.web.ui.alerts.AlertUpdates;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.ThrottledUpdates;
import org.iotplatform.web.ui.components.TimeSeriesChart;

/**
 * One device for operators, at a link that can be shared and reloaded ({@code devices/<id>}): who it
 * is and whether it is connected, its newest values and a live chart fed from the telemetry stream
 * (batched to two browser updates a second however fast the device sends), its history at a
 * resolution that suits the range, and the messages that were refused with the reason.
 */
@Route("devices/:" + DeviceView.DEVICE_ID)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class DeviceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String DEVICE_ID = "deviceId";

    static final Duration LIVE_WINDOW = Duration.ofMinutes(10);
    static final int LIVE_POINTS = 300;
    /** At most two pushes a second. */
    static final Duration LIVE_FLUSH = Duration.ofMillis(500);
    /** Messages held while the browser catches up; beyond this the oldest are dropped. */
    static final int LIVE_BACKLOG = 2_000;
    /** How often ages and the connection state are refreshed without new telemetry. */
    static final Duration TICK = Duration.ofSeconds(10);
    /** Devices may send timestamps slightly ahead of the server (the telemetry policy allows minutes). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(DeviceView.class.getName());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final DeviceRegistry registry;
    private final TelemetryHistory history;
    private final TelemetryFeed feed;
    private final AlertFeed alertFeed;
    private final DashboardExecutor executor;
    private final Clock clock;

    private DeviceId deviceId;
    private String pageTitle = "Device";

    private final Span status = new Span();
    private final Span connection = new Span();
    private final Span lastActivity = new Span();
    private final Div tags = new Div();
    private LatestValueCards latest;
    private TimeSeriesChart live;
    private HistoryPanel historyPanel;
    private RejectedMessagesGrid rejected;
    private CommandsPanel commands;
    private DeviceAlerts deviceAlerts;
    private DeviceRul deviceRul;
    private final RulEstimates rulEstimates;
    private final Alerts alerts;
    private final DirectMethods methods;
    private final CloudToDeviceMessages messages;
    private final DeviceTwins twins;
    private final CommandHistory commandHistory;

    private TelemetryFeed.Subscription subscription;
    private ThrottledUpdates<TelemetryMessage> updates;
    private ScheduledFuture<?> ticker;
    /** Live batches that arrive before the recent history is on the chart, appended after it. */
    private List<TimeSeriesChart.Series> early = new ArrayList<>();

    private boolean prefilled;

    @Inject
    public DeviceView(
            DeviceRegistry registry,
            TelemetryHistory history,
            TelemetryFeed feed,
            DashboardExecutor executor,
            Clock clock,
            DirectMethods methods,
            CloudToDeviceMessages messages,
            DeviceTwins twins,
            CommandHistory commandHistory,
            Alerts alerts,
            AlertFeed alertFeed,
            RulEstimates rulEstimates) {
        this.rulEstimates = rulEstimates;
        this.methods = methods;
        this.alerts = alerts;
        this.alertFeed = alertFeed;
        this.messages = messages;
        this.twins = twins;
        this.commandHistory = commandHistory;
        this.registry = registry;
        this.history = history;
        this.feed = feed;
        this.executor = executor;
        this.clock = clock;
        setId("device-page");
        setWidthFull();
    }

    /** Route parameters of {@code id}'s page, for links from other views. */
    public static RouteParameters parameters(DeviceId id) {
        return new RouteParameters(DEVICE_ID, id.value());
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Flow reuses this instance when going from one device's page to another's: start over.
        stopLive();
        removeAll();
        String requested = event.getRouteParameters().get(DEVICE_ID).orElse("");
        Optional<RegisteredDevice> device = find(requested);
        if (device.isEmpty()) {
            deviceId = null;
            live = null;
            pageTitle = "Device not found";
            getElement().removeAttribute("data-device-id");
            add(notFound(requested));
            return;
        }
        deviceId = DeviceId.of(device.get().deviceId());
        pageTitle = deviceId.value();
        getElement().setAttribute("data-device-id", deviceId.value());
        build(device.get());
        load(event.getUI());
        if (isAttached()) {
            startLive(event.getUI());
        }
    }

    private Optional<RegisteredDevice> find(String requested) {
        try {
            return registry.findRegistered(DeviceId.of(requested));
        } catch (InvalidDeviceException e) {
            return Optional.empty(); // not a valid id: no such device either
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (deviceId != null && subscription == null) {
            startLive(attachEvent.getUI());
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopLive();
        super.onDetach(detachEvent);
    }

    private Component notFound(String requested) {
        H2 title = new H2("Device not found");
        String shown = requested.length() > 140 ? requested.substring(0, 140) + "\u2026" : requested;
        Paragraph text = new Paragraph("There is no device with the id \u201c" + shown
                + "\u201d. It may have been deleted, or the link is mistyped.");
        RouterLink back = new RouterLink("Back to devices", DevicesView.class);
        back.setId("back-to-devices");
        Div box = new Div(title, text, back);
        box.setId("device-not-found");
        return box;
    }

    private void build(RegisteredDevice device) {
        latest = new LatestValueCards();

        live = new TimeSeriesChart();
        live.setId("live-chart");
        live.setHeight("300px");
        live.setWindow(LIVE_WINDOW, LIVE_POINTS);
        live.setEmptyText("No telemetry in the last 10 minutes");

        historyPanel = new HistoryPanel(deviceId, history, executor, clock);
        rejected = new RejectedMessagesGrid(deviceId, history, executor);
        rejected.setId("device-rejected-section");

        boolean mayCommand = CurrentOperator.role()
                .filter(r -> r == Role.ADMIN || r == Role.OPERATOR)
                .isPresent();
        commands = new CommandsPanel(deviceId, methods, messages, twins, commandHistory, executor, mayCommand);
        deviceAlerts = new DeviceAlerts(deviceId, alerts, executor);
        deviceRul = new DeviceRul(deviceId, rulEstimates, executor);
        Section rul = section(
                "device-rul-section",
                "Remaining useful life",
                "the latest estimate of each maintenance model",
                deviceRul);
        deviceRul.hideWhenEmpty(rul);
        add(
                header(device),
                section("device-alerts", "Alerts", "active first, then the most recent", deviceAlerts),
                rul,
                section("device-latest-section", "Latest values", null, latest),
                section("device-live-section", "Live", "last 10 minutes, as messages arrive", live),
                section("device-history-section", "History", null, historyPanel),
                section(
                        "device-commands-section",
                        "Commands and twin",
                        mayCommand ? null : "read only for viewers",
                        commands),
                rejected);
    }

    private Component header(RegisteredDevice device) {
        RouterLink back = new RouterLink("", DevicesView.class);
        back.add(VaadinIcon.ARROW_LEFT.create(), new Span(" All devices"));
        back.setId("back-to-devices");
        back.addClassNames(LumoUtility.FontSize.SMALL);

        H2 title = new H2(device.deviceId());
        title.setId("device-title");
        title.addClassNames(LumoUtility.Margin.NONE);
        status.setId("device-status");
        connection.setId("device-connection");
        FlexLayout identity = new FlexLayout(title, status, connection);
        identity.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        identity.setAlignItems(FlexComponent.Alignment.CENTER);
        identity.addClassNames(LumoUtility.Gap.MEDIUM);

        lastActivity.setId("device-last-activity");
        lastActivity.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Span created = new Span("Registered " + TIME.format(device.createdAt()) + " UTC");
        created.setId("device-created");
        created.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        FlexLayout times = new FlexLayout(lastActivity, created);
        times.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        times.addClassNames(LumoUtility.Gap.LARGE);

        tags.setId("device-tags");
        tags.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.SMALL);

        renderHeader(device);
        FlexLayout trail = new FlexLayout(back);
        trail.addClassNames(LumoUtility.Gap.LARGE);
        String station = device.tags().get(org.iotplatform.monitoring.FleetMonitor.STATION_TAG);
        if (station != null && !station.isBlank()) {
            RouterLink toStation = new RouterLink(
                    "",
                    org.iotplatform.web.ui.stations.StationView.class,
                    new com.vaadin.flow.router.RouteParameters(
                            org.iotplatform.web.ui.stations.StationView.STATION, station));
            toStation.add(VaadinIcon.FACTORY.create(), new Span(" Station " + station));
            toStation.setId("device-station-link");
            toStation.addClassNames(LumoUtility.FontSize.SMALL);
            trail.add(toStation);
        }
        Div header = new Div(trail, identity, times, tags);
        header.setId("device-header");
        header.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.SMALL);
        header.setWidthFull();
        return header;
    }

    private void renderHeader(RegisteredDevice device) {
        boolean enabled = DeviceStatus.ENABLED.value().equals(device.status());
        status.setText(device.status());
        status.getElement().setAttribute("theme", enabled ? "badge success" : "badge error");
        boolean connected = ConnectionState.CONNECTED.value().equals(device.connectionState());
        connection.setText(device.connectionState());
        connection.getElement().setAttribute("theme", connected ? "badge success" : "badge contrast");
        Instant last = device.lastActivityTime();
        lastActivity.setText(
                last == null
                        ? "No activity yet"
                        : "Last activity " + TIME.format(last) + " UTC (" + LatestValueCards.age(last, clock.instant())
                                + ")");
        tags.removeAll();
        if (device.tags().isEmpty()) {
            Span none = new Span("No tags");
            none.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            tags.add(none);
        }
        device.tags().forEach((name, value) -> {
            Span tag = new Span(value.isEmpty() ? name : name + "=" + value);
            tag.addClassNames("device-tag");
            tag.getElement().setAttribute("theme", "badge contrast pill");
            tags.add(tag);
        });
    }

    private static Section section(String id, String title, String subtitle, Component content) {
        H3 heading = new H3(title);
        heading.addClassNames(LumoUtility.Margin.NONE);
        Div top = new Div(heading);
        top.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.BASELINE, LumoUtility.Gap.MEDIUM);
        if (subtitle != null) {
            Span sub = new Span(subtitle);
            sub.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            top.add(sub);
        }
        Section section = new Section(top, content);
        section.setId(id);
        section.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.SMALL);
        section.setWidthFull();
        return section;
    }

    /** The parts read once per visit; each shows its own loading and failure. */
    private void load(UI ui) {
        DeviceId id = deviceId;
        LatestValueCards cards = latest;
        executor.load(
                ui,
                () -> history.latest(id),
                points -> {
                    Instant now = clock.instant();
                    points.forEach(p -> cards.update(p.metric(), p.value(), p.ts(), now));
                    cards.showEmpty();
                },
                e -> {
                    cards.showEmpty();
                    Notices.failed(id, "Loading the latest values", e);
                });
        historyPanel.start();
        rejected.load();
        commands.load();
        deviceAlerts.load(ui);
        deviceRul.load(ui);
    }

    private void startLive(UI ui) {
        DeviceId id = deviceId;
        TimeSeriesChart chart = live;
        prefilled = false;
        early = new ArrayList<>();
        updates = new ThrottledUpdates<>(ui, executor, LIVE_FLUSH, LIVE_BACKLOG, this::applyLive);
        subscription = feed.subscribe(id, updates::offer);
        updates.closeWith(subscription);
        DeviceAlerts shownAlerts = deviceAlerts;
        updates.closeWith(
                AlertUpdates.subscribe(ui, alertFeed, executor, AlertUpdates.ANY, () -> shownAlerts.load(ui)));
        ticker = executor.every(ui, TICK, this::tick);
        chart.setLoading(true);
        executor.load(
                ui,
                () -> recentValues(id),
                series -> {
                    if (chart != live) {
                        return; // another device's page by now
                    }
                    chart.setLoading(false);
                    chart.setSeries(series);
                    chart.appendPoints(early);
                    early = new ArrayList<>();
                    prefilled = true;
                },
                e -> {
                    if (chart == live) {
                        chart.setLoading(false);
                        chart.appendPoints(early);
                        early = new ArrayList<>();
                        prefilled = true;
                        Notices.failed(id, "Loading the last 10 minutes", e);
                    }
                });
    }

    private void stopLive() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (updates != null) {
            updates.close();
            updates = null;
        }
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /**
     * The last 10 minutes from the store, so the live chart does not start empty. A busy device has
     * more than a chart's worth in that time: then a shorter span is read instead, each read capped.
     */
    private List<TimeSeriesChart.Series> recentValues(DeviceId id) {
        Instant now = clock.instant();
        int limit = Math.min(
                HistoryPanel.POINT_LIMIT,
                LIVE_POINTS * Math.max(1, history.metrics(id).size()));
        List<Duration> spans =
                List.of(LIVE_WINDOW, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(5));
        Map<String, TimeSeriesChart.Series> byMetric = new TreeMap<>();
        for (Duration span : spans) {
            byMetric.clear();
            int[] n = {0};
            history.values(id, now.minus(span), now.plus(CLOCK_SKEW), Optional.empty(), limit, p -> {
                n[0]++;
                byMetric.computeIfAbsent(p.metric(), TimeSeriesChart.Series::new)
                        .add(p.ts().toEpochMilli(), p.value());
            });
            if (n[0] < limit) {
                break;
            }
        }
        return List.copyOf(byMetric.values());
    }

    /** In the UI, at most every {@link #LIVE_FLUSH}: everything the device sent since the last batch. */
    private void applyLive(List<TelemetryMessage> batch) {
        if (live == null) {
            return;
        }
        Instant now = clock.instant();
        Map<String, TimeSeriesChart.Series> byMetric = new TreeMap<>();
        for (TelemetryMessage m : batch) {
            long t = m.timestamp().toEpochMilli();
            m.values().forEach((metric, value) -> {
                if (value != null) {
                    byMetric.computeIfAbsent(metric, TimeSeriesChart.Series::new)
                            .add(t, value);
                    latest.update(metric, value, m.timestamp(), now);
                    historyPanel.addMetric(metric);
                }
            });
        }
        if (prefilled) {
            live.appendPoints(byMetric.values());
        } else {
            early.addAll(byMetric.values());
        }
    }

    /**
     * In the UI every {@link #TICK}: ages move on, the connection state and the alerts are read again
     * (alerts also at once when one changes; the tick for those changed through another instance).
     */
    private void tick() {
        if (deviceId == null) {
            return;
        }
        Instant now = clock.instant();
        latest.refreshAges(now);
        deviceAlerts.load(UI.getCurrent());
        DeviceId id = deviceId;
        executor.load(
                UI.getCurrent(),
                () -> registry.findRegistered(id),
                found -> {
                    if (id.equals(deviceId)) {
                        found.ifPresent(this::renderHeader);
                    }
                },
                e -> LOG.log(Level.FINE, "refreshing device " + id + " failed", e));
    }
}
