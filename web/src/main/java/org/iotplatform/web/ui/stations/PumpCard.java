package org.iotplatform.web.ui.stations;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.iotplatform.alerts.Severity;
import org.iotplatform.monitoring.DeviceSnapshot;
import org.iotplatform.monitoring.PumpState;
import org.iotplatform.web.ui.components.SeverityBadge;
import org.iotplatform.web.ui.devices.DeviceView;

/**
 * One pump of a station: its state (running, stopped, fault, offline, disabled), its key values
 * with units, updated live, and the colour of its worst active alert; the id opens the device page.
 * Operators also get Start and Stop (direct methods, audited like every command); viewers do not.
 */
public class PumpCard extends Composite<Div> {

    /** The values a pump operator reads first, with their units. */
    static final Map<String, String> KEY_VALUES = keyValues();

    private final Span state = new Span();
    private final Span age = new Span();
    private final Div values = new Div();
    private final Map<String, Span> shown = new LinkedHashMap<>();
    private DeviceSnapshot pump;

    /** {@code command} is called with the device id and method name; null for viewers (no buttons). */
    public PumpCard(DeviceSnapshot pump, BiConsumer<String, String> command) {
        Div card = getContent();
        card.setId("pump-card-" + pump.deviceId());
        card.addClassNames(
                "pump-card",
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL);
        card.getStyle().set("flex", "1 1 15em").set("min-width", "14em").set("max-width", "24em");

        RouterLink name = new RouterLink(
                pump.deviceId(), DeviceView.class, new RouteParameters(DeviceView.DEVICE_ID, pump.deviceId()));
        name.addClassNames("pump-card-link", LumoUtility.FontWeight.SEMIBOLD);
        state.addClassNames("pump-state");
        HorizontalLayout head = new HorizontalLayout(name, state);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        head.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        head.setWidthFull();

        values.addClassNames(LumoUtility.Display.GRID, LumoUtility.Gap.Column.MEDIUM, LumoUtility.Gap.Row.XSMALL);
        values.getStyle().set("grid-template-columns", "auto 1fr");
        age.addClassNames("pump-age", LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        card.add(head, values, age);
        if (command != null) {
            Button start = new Button("Start", VaadinIcon.PLAY.create(), e -> command.accept(pump.deviceId(), "start"));
            Button stop = new Button("Stop", VaadinIcon.STOP.create(), e -> command.accept(pump.deviceId(), "stop"));
            start.addClassNames("pump-start");
            stop.addClassNames("pump-stop");
            start.addThemeVariants(ButtonVariant.LUMO_SMALL);
            stop.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            card.add(new HorizontalLayout(start, stop));
        }
        show(pump, Instant.now());
    }

    public String deviceId() {
        return pump.deviceId();
    }

    public DeviceSnapshot pump() {
        return pump;
    }

    /** Shows {@code snapshot}; ages are told relative to {@code now}. */
    public void show(DeviceSnapshot snapshot, Instant now) {
        this.pump = snapshot;
        PumpState s = PumpState.of(snapshot);
        state.setText(s.label());
        state.getElement().getThemeList().clear();
        state.getElement().getThemeList().add("badge " + badge(s));
        getContent().getElement().setAttribute("data-state", s.name().toLowerCase(Locale.ROOT));
        for (String metric : metricsOf(snapshot)) {
            Span value = shown.computeIfAbsent(metric, this::addRow);
            value.setText(snapshot.value(metric).map(v -> format(metric, v)).orElse("\u2013"));
        }
        age.setText(
                snapshot.lastValueAt() == null
                        ? "no values yet"
                        : "last value " + ago(Duration.between(snapshot.lastValueAt(), now)));
    }

    /** Marks the card with the worst severity of the pump's active alerts (null: none). */
    public void alert(Severity worst) {
        SeverityBadge.markAlert(getContent(), worst);
    }

    /** The text shown for a metric, e.g. {@code "52.3 m³/h"}; used by tests too. */
    public String text(String metric) {
        Span s = shown.get(metric);
        return s == null ? null : s.getText();
    }

    private Span addRow(String metric) {
        Span label = new Span(metric);
        label.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Span value = new Span();
        value.addClassNames("pump-value", LumoUtility.FontWeight.SEMIBOLD);
        value.getElement().setAttribute("data-metric", metric);
        values.add(label, value);
        return value;
    }

    /** The key values a pump has; for other devices (a level sensor) their first six metrics. */
    static List<String> metricsOf(DeviceSnapshot d) {
        List<String> metrics = new ArrayList<>(
                KEY_VALUES.keySet().stream().filter(d.latest()::containsKey).toList());
        if (metrics.isEmpty()) {
            d.latest().keySet().stream().sorted().limit(6).forEach(metrics::add);
        }
        return metrics;
    }

    static String format(String metric, double value) {
        String unit = KEY_VALUES.getOrDefault(metric, "");
        String number = value == Math.rint(value) && Math.abs(value) < 1e9
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
        return unit.isEmpty() ? number : number + " " + unit;
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s ago" : s < 3600 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }

    private static String badge(PumpState s) {
        return switch (s) {
            case RUNNING -> "success";
            case STOPPED -> "contrast";
            case FAULT -> "error primary";
            case OFFLINE, DISABLED -> "contrast primary";
        };
    }

    private static Map<String, String> keyValues() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("flow", "m\u00b3/h");
        m.put("pressure", "bar");
        m.put("temperature", "\u00b0C");
        m.put("vibration", "mm/s");
        m.put("motorCurrent", "A");
        m.put("speed", "rpm");
        return java.util.Collections.unmodifiableMap(m);
    }
}
