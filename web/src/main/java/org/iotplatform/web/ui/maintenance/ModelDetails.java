package org.iotplatform.web.ui.maintenance;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.iotplatform.maintenance.ModelVersion;
import org.iotplatform.maintenance.ModelView;
import org.iotplatform.maintenance.StoredEstimate;
import org.iotplatform.web.ui.components.DurationText;
import org.iotplatform.web.ui.devices.DeviceView;

/**
 * The selected model: its definition, every version with its figures (why a failed one failed), and,
 * when it watches devices, those with the least time left.
 */
final class ModelDetails extends Composite<VerticalLayout> {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Span empty = new Span("Select a model to see its versions and the devices closest to failure.");
    private final H3 title = new H3();
    private final Span summary = new Span();
    final Grid<ModelVersion> versions = new Grid<>();
    private final VerticalLayout urgentSection = new VerticalLayout();
    private final Span urgentState = new Span();
    final Grid<StoredEstimate> urgent = new Grid<>();

    ModelDetails() {
        VerticalLayout content = getContent();
        content.setId("maintenance-details");
        content.setSizeFull();
        content.getStyle().set("overflow", "auto"); // versions and devices together outgrow the lower pane
        empty.addClassNames(LumoUtility.TextColor.SECONDARY);
        title.setId("maintenance-details-title");
        title.addClassNames(LumoUtility.Margin.NONE);
        summary.setId("maintenance-details-summary");
        summary.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        configureVersions();
        configureUrgent();
        H4 urgentTitle = new H4("Closest to failure");
        urgentTitle.addClassNames(LumoUtility.Margin.NONE);
        urgentState.setId("maintenance-urgent-state");
        urgentState.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        urgentSection.add(urgentTitle, urgentState, urgent);
        urgentSection.setPadding(false);
        urgentSection.setWidthFull();
        content.add(empty, title, summary, versions, urgentSection);
        clear();
    }

    private void configureVersions() {
        versions.setId("maintenance-versions");
        versions.addColumn(v -> "v" + v.version() + (v.active() ? " (active)" : ""))
                .setHeader("Version")
                .setAutoWidth(true)
                .setFlexGrow(0);
        versions.addColumn(MaintenanceView::state).setHeader("State").setAutoWidth(true);
        versions.addColumn(v -> time(v.requestedAt()) + " by " + v.requestedBy())
                .setHeader("Requested (UTC)")
                .setAutoWidth(true);
        versions.addColumn(v -> v.trainingMillis() == null ? "" : DurationText.of(v.trainingMillis() / 1000.0))
                .setHeader("Training time")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        versions.addColumn(v -> v.devices() == null ? "" : v.devices().toString())
                .setHeader("Devices")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        versions.addColumn(v -> v.trainingRows() == null ? "" : v.trainingRows().toString())
                .setHeader("Rows")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        versions.addColumn(ModelDetails::validation)
                .setHeader("Validation RMSE")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        versions.addColumn(ModelVersion::parameters)
                .setHeader("Parameters")
                .setAutoWidth(true)
                .setTooltipGenerator(ModelVersion::parameters);
        versions.addColumn(v -> Objects.requireNonNullElse(v.failureReason(), ""))
                .setHeader("Failure reason")
                .setFlexGrow(1)
                .setTooltipGenerator(v -> Objects.requireNonNullElse(v.failureReason(), ""));
        versions.addThemeVariants(GridVariant.LUMO_COMPACT);
        versions.setAllRowsVisible(true);
        versions.setWidthFull();
    }

    private void configureUrgent() {
        urgent.setId("maintenance-urgent");
        urgent.addComponentColumn(e -> new RouterLink(
                        e.deviceId(), DeviceView.class, new RouteParameters(DeviceView.DEVICE_ID, e.deviceId())))
                .setHeader("Device")
                .setAutoWidth(true);
        urgent.addColumn(e -> DurationText.left(e.rulSeconds()))
                .setHeader("Remaining useful life")
                .setAutoWidth(true);
        urgent.addColumn(e -> "v" + e.version()).setHeader("By version").setAutoWidth(true);
        urgent.addColumn(e -> time(e.asOf())).setHeader("As of (UTC)").setAutoWidth(true);
        urgent.addThemeVariants(GridVariant.LUMO_COMPACT);
        urgent.setHeight("20em");
        urgent.setWidthFull();
    }

    static String validation(ModelVersion v) {
        if (v.validationRmseSeconds() == null) {
            return "";
        }
        String rmse = DurationText.of(v.validationRmseSeconds());
        return v.validationFolds() == null ? rmse : rmse + " (" + v.validationFolds() + " folds)";
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    void clear() {
        empty.setVisible(true);
        title.setVisible(false);
        summary.setVisible(false);
        versions.setVisible(false);
        urgentSection.setVisible(false);
    }

    /** @param closest the watched devices' estimates, most urgent first; null while not read yet */
    void show(ModelView model, List<StoredEstimate> closest) {
        empty.setVisible(false);
        title.setText(model.name());
        title.setVisible(true);
        summary.setText("Learns from " + model.devices() + " · metrics " + String.join(", ", model.metrics())
                + " · failure " + model.failure() + " · cap " + DurationText.of(Duration.parse(model.cap()))
                + " · resolution " + model.interval()
                + " · defined by " + model.createdBy() + " " + time(model.createdAt()) + " UTC");
        summary.setVisible(true);
        versions.setItems(model.versions());
        versions.setVisible(true);
        boolean watched = model.watch() != null;
        urgentSection.setVisible(watched);
        if (!watched) {
            return;
        }
        if (closest == null) {
            urgentState.setText("Reading the estimates of " + model.watch() + "…");
            urgentState.setVisible(true);
            return;
        }
        urgent.setItems(closest);
        urgentState.setText(
                closest.isEmpty()
                        ? "No estimates yet for " + model.watch() + ": they appear once an active version scores them."
                        : "The devices tagged " + model.watch() + ", least time left first.");
        urgentState.setVisible(true);
    }
}
