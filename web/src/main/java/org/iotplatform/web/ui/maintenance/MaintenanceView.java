package org.iotplatform.web.ui.maintenance;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.iotplatform.maintenance.MaintenanceModels;
import org.iotplatform.maintenance.ModelNotFoundException;
import org.iotplatform.maintenance.ModelVersion;
import org.iotplatform.maintenance.ModelView;
import org.iotplatform.maintenance.RulEstimates;
import org.iotplatform.maintenance.StoredEstimate;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.CurrentOperator;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.DurationText;

/**
 * Maintenance models: what each learns from and watches, its state (with the training's stage while
 * a version trains), the active version and how well it validated. Selecting one shows its versions
 * and its watched devices closest to failure. Admins define models and train them again; operators
 * and viewers read.
 */
@Route("maintenance")
@Menu(title = "Maintenance", order = 4.7, icon = "vaadin:wrench")
@PageTitle("Maintenance · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class MaintenanceView extends VerticalLayout {

    /** While a version trains the stage moves every few seconds; otherwise models change seldom. */
    static final Duration TRAINING_REFRESH = Duration.ofSeconds(3);

    static final int TICKS_WHEN_IDLE = 10;

    private final MaintenanceModels models;
    private final RulEstimates estimates;
    private final DashboardExecutor executor;
    private final boolean admin;
    final Grid<ModelView> grid = new Grid<>();
    final ModelDetails details = new ModelDetails();
    private Button retrain;
    private final List<ModelView> rows = new ArrayList<>();
    /** Rows are the same model by name, so the selection survives each refresh. */
    private final ListDataProvider<ModelView> data = new ListDataProvider<>(rows) {
        @Override
        public Object getId(ModelView model) {
            return model.name();
        }
    };

    private String selectedName;
    private boolean training;
    private boolean loading;
    private int idleTicks;

    /** One refresh: every model, and the selected one's closest devices (null: none selected or not watched). */
    record Snapshot(List<ModelView> models, String selected, List<StoredEstimate> closest) {}

    @Inject
    public MaintenanceView(MaintenanceModels models, RulEstimates estimates, DashboardExecutor executor) {
        this.models = models;
        this.estimates = estimates;
        this.executor = executor;
        VaadinRequest request = VaadinRequest.getCurrent();
        this.admin = request != null && request.isUserInRole(Role.ADMIN_NAME);
        setId("maintenance-view");
        setSizeFull();
        configureGrid();
        SplitLayout split = new SplitLayout(grid, details);
        split.setOrientation(SplitLayout.Orientation.VERTICAL);
        split.setSizeFull();
        split.setSplitterPosition(40);
        add(header(), split);
        addAttachListener(e -> {
            loading = false; // a load cut short by a detach never answered
            idleTicks = TICKS_WHEN_IDLE; // read at once
        });
        executor.refreshWhileAttached(this, TRAINING_REFRESH, this::tick);
    }

    private Component header() {
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("maintenance-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(new H2("Maintenance"), refresh);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.setWidthFull();
        if (admin) {
            Button create = new Button("New model", VaadinIcon.PLUS.create(), e -> openNew());
            create.setId("maintenance-new");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            retrain = new Button("Train again", VaadinIcon.COG.create(), e -> openRetrain());
            retrain.setId("maintenance-retrain");
            retrain.setEnabled(false);
            bar.add(create, retrain);
        }
        return bar;
    }

    private void configureGrid() {
        grid.setId("maintenance-models");
        grid.setItems(data);
        grid.addColumn(ModelView::name).setHeader("Name").setAutoWidth(true).setComparator(ModelView::name);
        grid.addColumn(ModelView::devices).setHeader("Learns from").setAutoWidth(true);
        grid.addColumn(m -> Objects.requireNonNullElse(m.watch(), ""))
                .setHeader("Watches")
                .setAutoWidth(true);
        grid.addColumn(m -> m.metrics().size())
                .setHeader("Metrics")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END)
                .setTooltipGenerator(m -> String.join(", ", m.metrics()));
        grid.addColumn(m -> m.versions().isEmpty() ? "" : state(m.versions().get(0)))
                .setHeader("State")
                .setFlexGrow(1)
                .setTooltipGenerator(m -> m.versions().isEmpty()
                        ? ""
                        : Objects.requireNonNullElse(m.versions().get(0).failureReason(), ""));
        grid.addColumn(m -> m.activeVersion() == null ? "none" : "v" + m.activeVersion())
                .setHeader("Active")
                .setAutoWidth(true);
        grid.addColumn(m -> active(m).map(ModelDetails::validation).orElse(""))
                .setHeader("Validation RMSE")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(m -> active(m)
                        .map(ModelVersion::trainingMillis)
                        .map(ms -> DurationText.of(ms / 1000.0))
                        .orElse(""))
                .setHeader("Training time")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.setEmptyStateText("Loading models…");
        grid.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));
    }

    /** A version's state, with what it is doing while it trains: "training (reading histories: 12 of 40)". */
    static String state(ModelVersion v) {
        return ModelVersion.TRAINING.equals(v.state()) && v.stage() != null
                ? v.state() + " (" + v.stage() + ")"
                : v.state();
    }

    private static Optional<ModelVersion> active(ModelView m) {
        return m.versions().stream().filter(ModelVersion::active).findFirst();
    }

    private static boolean training(ModelView m) {
        return !m.versions().isEmpty()
                && ModelVersion.TRAINING.equals(m.versions().get(0).state());
    }

    private void tick(UI ui) {
        if (training || ++idleTicks >= TICKS_WHEN_IDLE) {
            load(ui);
        }
    }

    private void reload() {
        getUI().ifPresent(this::load);
    }

    private void load(UI ui) {
        if (loading) {
            return; // the previous read is still out: the server is slow, do not pile on
        }
        loading = true;
        idleTicks = 0;
        String selected = selectedName;
        executor.load(ui, () -> snapshot(selected), this::show, e -> {
            loading = false;
            grid.setEmptyStateText("Models cannot be shown just now: the server did not answer. Retrying…");
        });
    }

    private Snapshot snapshot(String selected) {
        List<ModelView> all = models.list();
        boolean watched = all.stream().anyMatch(m -> m.name().equals(selected) && m.watch() != null);
        return new Snapshot(all, selected, watched ? closest(selected) : null);
    }

    private List<StoredEstimate> closest(String model) {
        try {
            return estimates.latestFor(model);
        } catch (ModelNotFoundException e) {
            return List.of(); // deleted meanwhile
        }
    }

    void show(Snapshot snapshot) {
        loading = false;
        rows.clear();
        rows.addAll(snapshot.models());
        data.refreshAll();
        training = rows.stream().anyMatch(MaintenanceView::training);
        grid.setEmptyStateText(
                admin
                        ? "No models yet. Define one with New model: it learns from devices that ran to failure."
                        : "No models yet. An admin defines the models that predict remaining useful life.");
        if (Objects.equals(snapshot.selected(), selectedName) && selectedName != null) {
            Optional<ModelView> model =
                    rows.stream().filter(m -> m.name().equals(selectedName)).findFirst();
            if (model.isPresent()) {
                details.show(model.get(), snapshot.closest());
            } else {
                selectedName = null;
                details.clear();
            }
        }
        enableRetrain();
    }

    private void select(ModelView row) {
        if (row == null) {
            selectedName = null;
            details.clear();
            enableRetrain();
            return;
        }
        if (row.name().equals(selectedName)) {
            return;
        }
        selectedName = row.name();
        details.show(row, null);
        enableRetrain();
        if (row.watch() != null) {
            String name = row.name();
            getUI().ifPresent(ui -> executor.load(
                    ui,
                    () -> closest(name),
                    list -> {
                        if (name.equals(selectedName)) {
                            details.show(selectedRow().orElse(row), list);
                        }
                    },
                    e -> MaintenanceNotices.error(MaintenanceNotices.reason(e))));
        }
    }

    private Optional<ModelView> selectedRow() {
        return rows.stream().filter(m -> m.name().equals(selectedName)).findFirst();
    }

    /** Not while the newest version still trains: one training at a time is enough to wait for. */
    private void enableRetrain() {
        if (retrain != null) {
            retrain.setEnabled(selectedRow().filter(m -> !training(m)).isPresent());
        }
    }

    private void openNew() {
        new ModelDialog(input -> {
                    try {
                        models.define(input.definition(), CurrentOperator.username());
                    } catch (RuntimeException e) {
                        return Optional.of(MaintenanceNotices.reason(e));
                    }
                    MaintenanceNotices.success("Model " + input.name().strip() + " created; its first version trains");
                    reload();
                    return Optional.empty();
                })
                .open();
    }

    private void openRetrain() {
        Optional<ModelView> model = selectedRow();
        if (model.isEmpty()) {
            return;
        }
        String name = model.get().name();
        String parameters = model.get().versions().isEmpty()
                ? null
                : model.get().versions().get(0).parameters();
        new RetrainDialog(name, parameters, settings -> {
                    try {
                        models.retrain(name, settings, CurrentOperator.username());
                    } catch (RuntimeException e) {
                        return Optional.of(MaintenanceNotices.reason(e));
                    }
                    MaintenanceNotices.success("A new version of " + name + " trains");
                    reload();
                    return Optional.empty();
                })
                .open();
    }
}
