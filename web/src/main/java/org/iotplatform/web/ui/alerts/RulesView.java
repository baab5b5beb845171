package org.iotplatform.web.ui.alerts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.iotplatform.alerts.AlertRules;
import org.iotplatform.alerts.RuleView;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.CurrentOperator;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.SeverityBadge;

/**
 * The alert rules: which devices each watches, its condition and timing, how bad its alerts are and
 * what it sets off. Admins create, edit, switch on and off, and delete rules; everyone else reads.
 */
@Route("rules")
@Menu(title = "Rules", order = 4.5, icon = "vaadin:bell-o")
@PageTitle("Alert rules · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class RulesView extends VerticalLayout {

    private final AlertRules rules;
    private final DashboardExecutor executor;
    private final boolean admin;
    final Grid<RuleView> grid = new Grid<>();

    @Inject
    public RulesView(AlertRules rules, DashboardExecutor executor) {
        this.rules = rules;
        this.executor = executor;
        VaadinRequest request = VaadinRequest.getCurrent();
        this.admin = request != null && request.isUserInRole(Role.ADMIN_NAME);
        setId("rules-view");
        setSizeFull();
        add(header(), configureGrid());
        addAttachListener(e -> load(e.getUI()));
    }

    private Component header() {
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("rules-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(new H2("Alert rules"), refresh);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.setWidthFull();
        if (admin) {
            Button create = new Button("New rule", VaadinIcon.PLUS.create(), e -> openDialog(null));
            create.setId("rule-new");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            bar.add(create);
        }
        return bar;
    }

    private Grid<RuleView> configureGrid() {
        grid.setId("rules-grid");
        grid.addColumn(RuleView::name).setHeader("Name").setAutoWidth(true).setComparator(RuleView::name);
        grid.addColumn(r -> devices(r.devices())).setHeader("Devices").setAutoWidth(true);
        grid.addColumn(RuleView::condition)
                .setHeader("Condition")
                .setFlexGrow(1)
                .setTooltipGenerator(RuleView::condition);
        grid.addColumn(RulesView::timing).setHeader("Timing").setAutoWidth(true);
        grid.addComponentColumn(r -> new SeverityBadge(r.severity()))
                .setHeader("Severity")
                .setAutoWidth(true)
                .setComparator(r -> SeverityBadge.rank(r.severity()));
        grid.addColumn(r -> r.enabled() ? "yes" : "no").setHeader("Enabled").setAutoWidth(true);
        grid.addColumn(r -> r.actions() == null ? 0 : r.actions().size())
                .setHeader("Actions")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END)
                .setTooltipGenerator(r -> r.actions() == null ? "" : r.actions().toString());
        if (admin) {
            grid.addComponentColumn(this::actions)
                    .setHeader("")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setSizeFull();
        grid.setEmptyStateText("Loading rules…");
        return grid;
    }

    static String devices(RuleView.Devices d) {
        return d.deviceId() != null ? "device " + d.deviceId() : d.tag() != null ? "tag " + d.tag() : "all devices";
    }

    static String timing(RuleView r) {
        return r.heldFor() != null
                ? "held for " + r.heldFor()
                : r.inARow() != null ? r.inARow() + " in a row" : "at once";
    }

    private Component actions(RuleView row) {
        long id = row.id();
        boolean enable = !row.enabled();
        Button edit = new Button("Edit", e -> openDialog(id));
        edit.setId("rule-edit-" + id);
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button toggle = new Button(
                enable ? "Enable" : "Disable",
                e -> run(
                        () -> {
                            // re-read so that only the switch changes, whatever someone else edited meanwhile
                            RuleInput current = RuleInput.of(rules.get(id));
                            rules.change(id, current.withEnabled(enable).definition(), CurrentOperator.username());
                        },
                        "Rule " + row.name() + (enable ? " enabled" : " disabled")));
        toggle.setId("rule-toggle-" + id);
        toggle.addThemeVariants(
                ButtonVariant.LUMO_SMALL, enable ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
        Button delete = new Button("Delete", e -> confirmDelete(row));
        delete.setId("rule-delete-" + id);
        delete.addClassName("rule-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(edit, toggle, delete);
        actions.setSpacing(false);
        actions.addClassNames(LumoUtility.Gap.SMALL);
        return actions;
    }

    /** Opens the form for a new rule ({@code id} null) or for the current state of an existing one. */
    private void openDialog(Long id) {
        RuleView existing = null;
        if (id != null) {
            try {
                existing = rules.get(id);
            } catch (RuntimeException e) {
                AlertNotices.error(AlertNotices.reason(e));
                reload();
                return;
            }
        }
        boolean creating = existing == null;
        new RuleDialog(existing, input -> {
                    try {
                        if (creating) {
                            rules.create(input.definition(), CurrentOperator.username());
                        } else {
                            rules.change(id, input.definition(), CurrentOperator.username());
                        }
                    } catch (RuntimeException e) {
                        return Optional.of(AlertNotices.reason(e));
                    }
                    AlertNotices.success("Rule " + input.name() + (creating ? " created" : " saved"));
                    reload();
                    return Optional.empty();
                })
                .open();
    }

    private void confirmDelete(RuleView row) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("rule-delete-dialog");
        confirm.setHeader("Delete rule " + row.name() + "?");
        confirm.setText("Its active alerts are cleared and it raises no more. This cannot be undone.");
        confirm.setCancelable(true);
        Button yes = new Button("Delete");
        yes.setId("rule-delete-confirm");
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.setConfirmButton(yes);
        confirm.addConfirmListener(
                e -> run(() -> rules.delete(row.id(), CurrentOperator.username()), "Rule " + row.name() + " deleted"));
        confirm.open();
    }

    private void run(Runnable action, String done) {
        try {
            action.run();
            AlertNotices.success(done);
        } catch (RuntimeException e) {
            AlertNotices.error(AlertNotices.reason(e));
        }
        reload();
    }

    private void reload() {
        getUI().ifPresent(this::load);
    }

    private void load(UI ui) {
        executor.load(ui, rules::all, this::show, e -> {
            grid.setEmptyStateText("Rules cannot be shown just now: the server did not answer. Refresh to try again.");
            AlertNotices.error("Rules could not be loaded: " + AlertNotices.reason(e));
        });
    }

    void show(List<RuleView> all) {
        grid.setItems(all);
        grid.setEmptyStateText(
                admin
                        ? "No rules yet. Create one with New rule to raise alerts when telemetry crosses a limit."
                        : "No rules yet. An admin defines the rules that raise alerts.");
    }
}
