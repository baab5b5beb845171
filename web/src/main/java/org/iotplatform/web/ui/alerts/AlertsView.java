package org.iotplatform.web.ui.alerts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.alerts.AlertNotFoundException;
import org.iotplatform.alerts.AlertState;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.Severity;
import org.iotplatform.operators.AccountStatus;
import org.iotplatform.operators.AccountSummary;
import org.iotplatform.operators.OperatorAccounts;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.SeverityBadge;
import org.iotplatform.web.ui.devices.DeviceView;

/**
 * The alerts worklist: active alerts by default, open before acknowledged, worst first, newest first;
 * filtered by state, severity and device (also from a link's {@code ?severity=} and {@code ?device=}),
 * and read again as soon as an alert changes (pushed), so new alerts appear without a reload.
 * Selecting one shows its history and actions; operators and admins acknowledge, clear, assign and
 * comment it there, viewers only read.
 */
@Route("alerts")
@Menu(title = "Alerts", order = 3.5, icon = "vaadin:bell")
@PageTitle("Alerts · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class AlertsView extends VerticalLayout implements BeforeEnterObserver {

    /** Query parameters other views link with: {@code /alerts?severity=major}, {@code /alerts?device=pump-1}. */
    public static final String SEVERITY = "severity";

    public static final String DEVICE = "device";

    /**
     * Changes arrive by push from this instance's {@link AlertFeed}; the slow poll is for changes made on
     * another platform instance, which the feed does not see.
     */
    static final Duration FALLBACK_REFRESH = Duration.ofSeconds(30);

    static final int LIMIT = 500;
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Alerts alerts;
    private final OperatorAccounts accounts;
    private final DashboardExecutor executor;
    final Select<StateFilter> stateFilter = new Select<>();
    final Select<Severity> severityFilter = new Select<>();
    final TextField deviceFilter = new TextField();
    final Grid<AlertView> grid = new Grid<>();
    private final List<AlertView> rows = new ArrayList<>();
    /** Rows are the same alert by id, so the selection survives each refresh. */
    private final ListDataProvider<AlertView> data = new ListDataProvider<>(rows) {
        @Override
        public Object getId(AlertView alert) {
            return alert.id();
        }
    };

    final AlertDetails details;
    private Long selectedId;

    /** One refresh: the list as filtered, and the selected alert with its history (null: none or gone). */
    record Snapshot(List<AlertView> list, Long selectedId, AlertView selected) {}

    @Inject
    public AlertsView(Alerts alerts, OperatorAccounts accounts, AlertFeed feed, DashboardExecutor executor) {
        this.alerts = alerts;
        this.accounts = accounts;
        this.executor = executor;
        VaadinRequest request = VaadinRequest.getCurrent();
        boolean mayAct =
                request != null && (request.isUserInRole(Role.ADMIN_NAME) || request.isUserInRole(Role.OPERATOR_NAME));
        this.details = new AlertDetails(alerts, mayAct, this::changed);
        setId("alerts-view");
        setSizeFull();
        configureGrid();
        SplitLayout split = new SplitLayout(grid, details);
        split.setSizeFull();
        split.setSplitterPosition(62);
        add(header(), split);
        executor.refreshWhileAttached(this, FALLBACK_REFRESH, this::load);
        AlertUpdates.whileAttached(this, feed, executor, AlertUpdates.ANY, this::load);
        if (mayAct) {
            addAttachListener(e -> loadOperators(e.getUI()));
        }
    }

    /** A link to this view filtered by one of its query parameters, e.g. {@code (SEVERITY, "major")}. */
    public static RouterLink link(String text, String parameter, String value) {
        RouterLink link = new RouterLink(text, AlertsView.class);
        link.setQueryParameters(QueryParameters.of(parameter, value));
        return link;
    }

    /** The filters from the link's query parameters (an unknown severity is ignored, as if not given). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> query =
                event.getLocation().getQueryParameters().getParameters();
        String severity = first(query, SEVERITY);
        severityFilter.setValue(Arrays.stream(Severity.values())
                .filter(s -> s.value().equals(severity))
                .findFirst()
                .orElse(null));
        String device = first(query, DEVICE);
        deviceFilter.setValue(device == null ? "" : device.strip());
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private Component header() {
        stateFilter.setId("alert-filter-state");
        stateFilter.setLabel("State");
        stateFilter.setItems(StateFilter.values());
        stateFilter.setItemLabelGenerator(StateFilter::label);
        stateFilter.setValue(StateFilter.ACTIVE);
        stateFilter.addValueChangeListener(e -> reload());

        severityFilter.setId("alert-filter-severity");
        severityFilter.setLabel("Severity");
        severityFilter.setItems(Severity.values());
        severityFilter.setEmptySelectionAllowed(true);
        severityFilter.setEmptySelectionCaption("Any");
        severityFilter.setItemLabelGenerator(s -> s == null ? "Any" : s.value());
        severityFilter.addValueChangeListener(e -> reload());

        deviceFilter.setId("alert-filter-device");
        deviceFilter.setLabel("Device id");
        deviceFilter.setPlaceholder("any device");
        deviceFilter.setClearButtonVisible(true);
        deviceFilter.setValueChangeMode(ValueChangeMode.LAZY);
        deviceFilter.addValueChangeListener(e -> reload());

        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("alerts-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout bar =
                new HorizontalLayout(new H2("Alerts"), stateFilter, severityFilter, deviceFilter, refresh);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.setWidthFull();
        return bar;
    }

    private void configureGrid() {
        grid.setId("alerts-grid");
        grid.setItems(data);
        grid.addComponentColumn(a -> new SeverityBadge(a.severity()))
                .setHeader("Severity")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(a -> SeverityBadge.rank(a.severity()));
        grid.addComponentColumn(a -> stateBadge(a.state()))
                .setHeader("State")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(a -> AlertOrder.stateRank(a.state()));
        grid.addComponentColumn(a -> new RouterLink(
                        a.deviceId(), DeviceView.class, new RouteParameters(DeviceView.DEVICE_ID, a.deviceId())))
                .setHeader("Device")
                .setAutoWidth(true)
                .setComparator(AlertView::deviceId);
        grid.addColumn(AlertView::rule).setHeader("Rule").setFlexGrow(1).setComparator(AlertView::rule);
        grid.addColumn(AlertView::count)
                .setHeader("Count")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END)
                .setComparator(AlertView::count);
        grid.addColumn(AlertView::lastValue).setHeader("Last value").setAutoWidth(true);
        grid.addColumn(a -> time(a.raisedAt()))
                .setHeader("Raised (UTC)")
                .setAutoWidth(true)
                .setComparator(AlertView::raisedAt);
        grid.addColumn(a -> a.assignedTo() == null ? "" : a.assignedTo())
                .setHeader("Assigned to")
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.setEmptyStateText("Loading alerts…");
        grid.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));
    }

    /** open: blue, acknowledged: grey, cleared: green. */
    public static Span stateBadge(String state) {
        Span badge = new Span(state);
        badge.addClassName("alert-state-badge");
        badge.getElement().setAttribute("data-state", state);
        badge.getElement()
                .getThemeList()
                .add("badge"
                        + (AlertState.OPEN.value().equals(state)
                                ? ""
                                : AlertState.CLEARED.value().equals(state) ? " success" : " contrast"));
        return badge;
    }

    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** The list for the filters, in worklist order: one query per state asked for. */
    static List<AlertView> fetch(Alerts alerts, StateFilter state, Severity severity, String device) {
        List<AlertState> states = state.states().isEmpty() ? Collections.singletonList(null) : state.states();
        return states.stream()
                .flatMap(s -> alerts.list(device, s, severity, LIMIT).stream())
                .sorted(AlertOrder.WORKLIST)
                .toList();
    }

    private void reload() {
        getUI().ifPresent(this::load);
    }

    private void load(UI ui) {
        StateFilter state = stateFilter.getValue() == null ? StateFilter.ACTIVE : stateFilter.getValue();
        Severity severity = severityFilter.getValue();
        String device = deviceFilter.getValue().isBlank()
                ? null
                : deviceFilter.getValue().trim();
        Long selected = selectedId;
        executor.load(
                ui,
                () -> new Snapshot(
                        fetch(alerts, state, severity, device), selected, selected == null ? null : find(selected)),
                this::show,
                e -> grid.setEmptyStateText("Alerts cannot be shown just now: the server did not answer. Retrying…"));
    }

    private AlertView find(long id) {
        try {
            return alerts.get(id);
        } catch (AlertNotFoundException e) {
            return null;
        }
    }

    void show(Snapshot snapshot) {
        rows.clear();
        rows.addAll(snapshot.list());
        data.refreshAll();
        grid.setEmptyStateText(
                stateFilter.getValue() == StateFilter.ACTIVE
                        ? "No active alerts. Rules raise them; an admin defines rules in Rules."
                        : "No alerts match these filters.");
        if (snapshot.selectedId() != null && snapshot.selectedId().equals(selectedId)) {
            if (snapshot.selected() == null) {
                selectedId = null;
                details.clear();
            } else {
                details.show(snapshot.selected());
            }
        }
    }

    private void select(AlertView row) {
        if (row == null) {
            selectedId = null;
            details.clear();
            return;
        }
        if (Long.valueOf(row.id()).equals(selectedId)) {
            return;
        }
        selectedId = row.id();
        details.loading(row);
        long id = row.id();
        getUI().ifPresent(ui -> executor.load(
                ui,
                () -> find(id),
                a -> {
                    if (Long.valueOf(id).equals(selectedId)) {
                        if (a == null) {
                            details.clear();
                        } else {
                            details.show(a);
                        }
                    }
                },
                e -> AlertNotices.error(AlertNotices.reason(e))));
    }

    /** After an operator's action: the details show the alert as it is now, the list follows. */
    private void changed(AlertView alert) {
        if (Long.valueOf(alert.id()).equals(selectedId)) {
            details.show(alert);
        }
        reload();
    }

    private void loadOperators(UI ui) {
        executor.load(
                ui,
                () -> accounts.list().stream()
                        .filter(a -> AccountStatus.ENABLED.value().equals(a.status()))
                        .filter(a -> Role.PERSON_ROLES.stream()
                                .anyMatch(r -> r.value().equals(a.role())))
                        .map(AccountSummary::username)
                        .sorted()
                        .toList(),
                details::operators,
                e -> details.operators(List.of()));
    }
}
