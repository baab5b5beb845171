package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.TelemetryHistory;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.TimeSeriesChart;
import org.iotplatform.web.ui.devices.HistoryRange.Preset;
import org.iotplatform.web.ui.devices.HistoryRange.Resolution;

/**
 * A device's stored telemetry over a chosen range: raw values for short ranges, the minute, hour or
 * day rollups (average line, min..max band) for long ones. Reads run in the background and are
 * capped, so a month of raw values cannot stall the server or the browser.
 */
class HistoryPanel extends Composite<VerticalLayout> {

    /** Most points sent to the browser for one chart. */
    static final int POINT_LIMIT = 20_000;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final DeviceId deviceId;
    private final TelemetryHistory history;
    private final DashboardExecutor executor;
    private final Clock clock;

    private final Select<Preset> range = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Select<Resolution> resolution = new Select<>();
    private final Select<String> metric = new Select<>();
    private final Span summary = new Span();
    private final TimeSeriesChart chart = new TimeSeriesChart();
    private final TreeSet<String> metrics = new TreeSet<>();
    private long generation;

    private record Loaded(List<TimeSeriesChart.Series> series, int points, boolean truncated, Resolution resolution) {}

    HistoryPanel(DeviceId deviceId, TelemetryHistory history, DashboardExecutor executor, Clock clock) {
        this.deviceId = deviceId;
        this.history = history;
        this.executor = executor;
        this.clock = clock;

        range.setId("history-range");
        range.setLabel("Range");
        range.setItems(Preset.values());
        range.setItemLabelGenerator(Preset::label);
        range.setValue(Preset.LAST_DAY);
        range.addValueChangeListener(e -> {
            if (e.getValue() == Preset.CUSTOM
                    && e.getOldValue() != null
                    && e.getOldValue().length().isPresent()) {
                // start the custom range from the one on screen
                Instant now = clock.instant();
                to.setValue(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
                from.setValue(LocalDateTime.ofInstant(
                        now.minus(e.getOldValue().length().get()), ZoneOffset.UTC));
            }
            showPickers();
            load();
        });

        from.setId("history-from");
        to.setId("history-to");
        from.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                load();
            }
        });
        to.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                load();
            }
        });

        resolution.setId("history-resolution");
        resolution.setLabel("Resolution");
        resolution.setItems(Resolution.values());
        resolution.setItemLabelGenerator(Resolution::label);
        resolution.setValue(Resolution.AUTO);
        resolution.addValueChangeListener(e -> load());

        metric.setId("history-metric");
        metric.setLabel("Metric");
        metric.setEmptySelectionAllowed(true);
        metric.setEmptySelectionCaption("All metrics");
        metric.setItemLabelGenerator(m -> m == null ? "All metrics" : m);
        metric.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                load();
            }
        });

        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.setId("history-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        FlexLayout controls = new FlexLayout(range, from, to, resolution, metric, refresh);
        controls.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.addClassNames(LumoUtility.Gap.MEDIUM);
        controls.setWidthFull();

        summary.setId("history-summary");
        summary.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);

        chart.setId("history-chart");
        chart.setHeight("420px");
        chart.setZoomable(true);
        chart.setEmptyText("No telemetry in this range");

        VerticalLayout content = getContent();
        content.setPadding(false);
        content.setSpacing(false);
        content.addClassNames(LumoUtility.Gap.SMALL);
        content.setWidthFull();
        content.add(controls, summary, chart);
        showPickers();
    }

    /** First load: the metric list and the default range. */
    void start() {
        UI ui = UI.getCurrent();
        executor.load(
                ui,
                () -> history.metrics(deviceId),
                found -> {
                    found.forEach(this::addMetric);
                },
                e -> Notices.failed(deviceId, "Loading the metric list", e));
        load();
    }

    /** A metric first seen live joins the filter. */
    void addMetric(String name) {
        if (metrics.add(name)) {
            String selected = metric.getValue();
            metric.setItems(new ArrayList<>(metrics));
            metric.setValue(selected);
        }
    }

    private void showPickers() {
        boolean custom = range.getValue() == Preset.CUSTOM;
        from.setVisible(custom);
        to.setVisible(custom);
    }

    private Optional<HistoryRange> currentRange() {
        Preset preset = range.getValue();
        try {
            if (preset != null && preset.length().isPresent()) {
                Instant now = clock.instant();
                return Optional.of(new HistoryRange(now.minus(preset.length().get()), now, resolution.getValue()));
            }
            if (from.getValue() == null || to.getValue() == null) {
                summary.setText("Pick 'From' and 'To' to show a custom range.");
                return Optional.empty();
            }
            return Optional.of(new HistoryRange(
                    from.getValue().toInstant(ZoneOffset.UTC),
                    to.getValue().toInstant(ZoneOffset.UTC),
                    resolution.getValue()));
        } catch (IllegalArgumentException e) {
            Notices.warning(e.getMessage());
            return Optional.empty();
        }
    }

    void load() {
        Optional<HistoryRange> picked = currentRange();
        if (picked.isEmpty()) {
            return;
        }
        HistoryRange r = picked.get();
        Optional<String> selectedMetric = Optional.ofNullable(metric.getValue());
        Resolution effective = r.effectiveResolution();
        resolution.setHelperText(
                resolution.getValue() == Resolution.AUTO
                        ? "Using " + effective.label().toLowerCase()
                        : null);
        long mine = ++generation;
        chart.setLoading(true);
        summary.setText("Loading…");
        executor.load(
                UI.getCurrent(),
                () -> fetch(r, selectedMetric),
                loaded -> {
                    if (mine != generation) {
                        return; // the operator has asked for something else meanwhile
                    }
                    chart.setLoading(false);
                    chart.setSeries(loaded.series());
                    summary.setText(describe(r, loaded));
                    if (loaded.truncated()) {
                        Notices.warning("Showing the first " + String.format("%,d", POINT_LIMIT)
                                + " points only: pick a coarser resolution or a shorter range.");
                    }
                },
                e -> {
                    if (mine == generation) {
                        chart.setLoading(false);
                        summary.setText("");
                        Notices.failed(deviceId, "Loading the history", e);
                    }
                });
    }

    private Loaded fetch(HistoryRange r, Optional<String> selectedMetric) {
        Map<String, TimeSeriesChart.Series> byMetric = new TreeMap<>();
        int[] seen = {0};
        Resolution effective = r.effectiveResolution();
        if (effective.interval().isEmpty()) {
            // one more than the cap tells whether there was more
            history.values(deviceId, r.from(), r.to(), selectedMetric, POINT_LIMIT + 1, p -> {
                if (seen[0]++ < POINT_LIMIT) {
                    byMetric.computeIfAbsent(p.metric(), TimeSeriesChart.Series::new)
                            .add(p.ts().toEpochMilli(), p.value());
                }
            });
        } else {
            history.aggregates(
                    deviceId,
                    r.from(),
                    r.to(),
                    selectedMetric,
                    effective.interval().get(),
                    POINT_LIMIT + 1,
                    a -> {
                        if (seen[0]++ < POINT_LIMIT) {
                            byMetric.computeIfAbsent(a.metric(), TimeSeriesChart.Series::new)
                                    .add(a.bucket().toEpochMilli(), a.avg(), a.min(), a.max());
                        }
                    });
        }
        return new Loaded(
                List.copyOf(byMetric.values()), Math.min(seen[0], POINT_LIMIT), seen[0] > POINT_LIMIT, effective);
    }

    private static String describe(HistoryRange r, Loaded loaded) {
        String what = loaded.resolution().interval().isPresent()
                ? String.format("%,d", loaded.points()) + " buckets of "
                        + loaded.resolution().label() + " (line: average, band: min to max)"
                : String.format("%,d", loaded.points()) + " raw values";
        return what + (loaded.truncated() ? " (capped)" : "") + " · " + TIME.format(r.from()) + " to "
                + TIME.format(r.to()) + " UTC";
    }
}
