package org.iotplatform.web.ui.vending;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.iotplatform.monitoring.FleetMonitor;
import org.iotplatform.monitoring.VendingStatus;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.Kpi;
import org.iotplatform.web.ui.devices.DeviceView;

/**
 * Vending machines for the refill round: how many need a visit, and each machine's stock per slot,
 * cabinet temperature and what to do there, those needing a visit first. Refreshed every few seconds.
 */
@Route("vending")
@Menu(title = "Vending", order = 2, icon = "vaadin:cart")
@PageTitle("Vending machines · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class VendingView extends VerticalLayout {

    static final Duration REFRESH = Duration.ofSeconds(10);

    private final FleetMonitor fleet;
    private final DashboardExecutor executor;
    final Kpi machines = new Kpi("vending-machines", "Machines");
    final Kpi toRefill = new Kpi("vending-to-refill", "Need a refill");
    final Kpi tooWarm = new Kpi("vending-too-warm", "Cabinet too warm");
    final Kpi offline = new Kpi("vending-offline", "Offline");
    final Grid<VendingStatus> grid = new Grid<>();
    final Checkbox onlyVisits = new Checkbox("Only machines needing a visit");
    private List<VendingStatus> all = List.of();

    @Inject
    public VendingView(FleetMonitor fleet, DashboardExecutor executor) {
        this.fleet = fleet;
        this.executor = executor;
        setId("vending");
        setSizeFull();
        FlexLayout figures = new FlexLayout(machines, toRefill, tooWarm, offline);
        figures.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        figures.addClassNames(LumoUtility.Gap.MEDIUM);
        figures.setWidthFull();
        onlyVisits.setId("vending-only-visits");
        onlyVisits.addValueChangeListener(e -> applyFilter());
        HorizontalLayout head = new HorizontalLayout(new H2("Vending machines"), onlyVisits);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        configureGrid();
        add(head, figures, grid);
        executor.refreshWhileAttached(this, REFRESH, this::load);
    }

    private void configureGrid() {
        grid.setId("vending-grid");
        grid.addComponentColumn(v -> new RouterLink(
                        v.machine().deviceId(),
                        DeviceView.class,
                        new RouteParameters(DeviceView.DEVICE_ID, v.machine().deviceId())))
                .setHeader("Machine")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(v -> v.machine().deviceId());
        grid.addColumn(VendingStatus::site).setHeader("Site").setAutoWidth(true).setSortable(true);
        grid.addColumn(v -> v.machine().connected() ? "connected" : "offline")
                .setHeader("Connection")
                .setAutoWidth(true);
        grid.addColumn(v -> v.cabinetTemperature().isPresent()
                        ? String.format(
                                Locale.ROOT,
                                "%.1f \u00b0C",
                                v.cabinetTemperature().getAsDouble())
                        : "\u2013")
                .setHeader("Cabinet")
                .setAutoWidth(true);
        grid.addColumn(v -> v.stock().isEmpty()
                        ? "\u2013"
                        : v.stock().stream().map(String::valueOf).collect(Collectors.joining(" \u00b7 ")))
                .setHeader("Stock per slot")
                .setFlexGrow(1);
        grid.addColumn(VendingStatus::lowestStock)
                .setHeader("Lowest")
                .setAutoWidth(true)
                .setSortable(true);
        grid.addComponentColumn(VendingView::action).setHeader("Visit").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("Loading vending machines…");
        grid.setSizeFull();
        grid.setPartNameGenerator(v -> v.needsRefill() || v.tooWarm() ? "needs-visit" : null);
    }

    /** What the refill round should do at a machine, as a badge. */
    static Span action(VendingStatus v) {
        Span badge = new Span(actionText(v));
        badge.getElement()
                .getThemeList()
                .add("badge " + (v.tooWarm() ? "error" : v.needsRefill() ? "warning" : "success"));
        badge.addClassNames("vending-action");
        return badge;
    }

    static String actionText(VendingStatus v) {
        if (!v.needsRefill() && !v.tooWarm()) {
            return "OK";
        }
        String refill = v.needsRefill()
                ? "Refill slot" + (v.slotsToRefill().size() > 1 ? "s " : " ")
                        + v.slotsToRefill().stream().map(String::valueOf).collect(Collectors.joining(", "))
                : "";
        String warm = v.tooWarm() ? "Check cooling" : "";
        return refill.isEmpty() ? warm : warm.isEmpty() ? refill : refill + " \u00b7 " + warm;
    }

    private void load(UI ui) {
        executor.load(
                ui,
                fleet::vendingMachines,
                this::show,
                e -> grid.setEmptyStateText(
                        "Vending machines cannot be shown just now: the server did not answer. Retrying…"));
    }

    void show(List<VendingStatus> machinesNow) {
        all = machinesNow;
        machines.show(all.size());
        toRefill.show(all.stream().filter(VendingStatus::needsRefill).count());
        toRefill.attention(all.stream().anyMatch(VendingStatus::needsRefill));
        tooWarm.show(all.stream().filter(VendingStatus::tooWarm).count());
        tooWarm.attention(all.stream().anyMatch(VendingStatus::tooWarm));
        offline.show(all.stream().filter(v -> !v.machine().connected()).count());
        applyFilter();
    }

    private void applyFilter() {
        List<VendingStatus> shown = onlyVisits.getValue()
                ? all.stream().filter(v -> v.needsRefill() || v.tooWarm()).toList()
                : all;
        grid.setItems(shown);
        grid.setEmptyStateText(
                onlyVisits.getValue()
                        ? "No machine needs a visit."
                        : "No vending machines registered (devices tagged kind=vending).");
    }
}
