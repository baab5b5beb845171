package org.iotplatform.web.ui.alerts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.iotplatform.alerts.AlertAction;
import org.iotplatform.alerts.AlertChange;
import org.iotplatform.alerts.AlertState;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.web.ui.CurrentOperator;
import org.iotplatform.web.ui.components.SeverityBadge;

/**
 * One alert beside the worklist: what it is, its history (who did what when) and its actions (what
 * the rule set off, how it went, "Try again" for a given-up one); for operators and admins also
 * acknowledge, clear, assign and comment. The fields keep what the operator is typing across refreshes.
 */
final class AlertDetails extends VerticalLayout {

    private final Alerts alerts;
    private final boolean mayAct;
    private final Consumer<AlertView> changed;

    private final Paragraph hint = new Paragraph("Select an alert to see its history and act on it.");
    private final VerticalLayout body = new VerticalLayout();
    private final H3 title = new H3();
    private final HorizontalLayout badges = new HorizontalLayout();
    private final Span facts = new Span();
    private final Span assigned = new Span();
    final Button acknowledge = new Button("Acknowledge");
    final Button clear = new Button("Clear");
    final ComboBox<String> assignee = new ComboBox<>("Assign to");
    final Button assign = new Button("Assign");
    final TextArea commentText = new TextArea("Comment");
    final Button comment = new Button("Add comment");
    private final Grid<AlertChange> history = new Grid<>();
    private final Grid<AlertAction.View> actions = new Grid<>();

    private AlertView shown;

    /**
     * @param mayAct  whether the operator may act on alerts (operators and admins); otherwise read only
     * @param changed told the alert as it is after an action
     */
    AlertDetails(Alerts alerts, boolean mayAct, Consumer<AlertView> changed) {
        this.alerts = alerts;
        this.mayAct = mayAct;
        this.changed = changed;
        setId("alert-details");
        setPadding(true);
        getStyle().set("overflow-y", "auto"); // a long history scrolls beside the list, not the page
        hint.setId("alert-details-hint");
        hint.addClassNames(LumoUtility.TextColor.SECONDARY);

        title.setId("alert-details-title");
        title.addClassNames(LumoUtility.Margin.NONE);
        badges.setId("alert-badges");
        badges.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        facts.setId("alert-facts");
        facts.addClassNames(LumoUtility.FontSize.SMALL);
        assigned.setId("alert-assigned");
        assigned.addClassNames(LumoUtility.FontSize.SMALL);

        body.setPadding(false);
        body.add(title, badges, facts, assigned);
        if (mayAct) {
            body.add(controls());
        }
        body.add(new H4("History"), configureHistory(), new H4("Actions"), configureActions());
        body.setVisible(false);
        add(hint, body);
    }

    private Component controls() {
        acknowledge.setId("alert-ack");
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        acknowledge.addClickListener(
                e -> act(a -> alerts.acknowledge(a.id(), CurrentOperator.username()), "acknowledged"));
        clear.setId("alert-clear");
        clear.addClickListener(e -> act(a -> alerts.clear(a.id(), CurrentOperator.username()), "cleared"));

        assignee.setId("alert-assignee");
        assignee.setPlaceholder("nobody");
        assignee.setClearButtonVisible(true);
        assignee.setHelperText("Empty: to nobody");
        assign.setId("alert-assign");
        assign.addClickListener(e -> {
            String to = assignee.getValue();
            act(
                    a -> alerts.assign(a.id(), to, CurrentOperator.username()),
                    to == null ? "assigned to nobody" : "assigned to " + to);
        });

        commentText.setId("alert-comment-text");
        commentText.setPlaceholder("What was found, what was done");
        commentText.setWidthFull();
        comment.setId("alert-comment");
        comment.addClickListener(e -> {
            String text = commentText.getValue();
            if (act(a -> alerts.comment(a.id(), text, CurrentOperator.username()), "commented")) {
                commentText.clear();
            }
        });

        HorizontalLayout state = new HorizontalLayout(acknowledge, clear);
        HorizontalLayout assignment = new HorizontalLayout(assignee, assign);
        assignment.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        VerticalLayout controls = new VerticalLayout(state, assignment, commentText, comment);
        controls.setId("alert-controls");
        controls.setPadding(false);
        controls.setSpacing(false);
        controls.addClassNames(LumoUtility.Gap.SMALL);
        return controls;
    }

    private Grid<AlertChange> configureHistory() {
        history.setId("alert-history");
        history.addColumn(c -> AlertsView.time(c.at())).setHeader("When (UTC)").setAutoWidth(true);
        history.addColumn(AlertChange::actor).setHeader("Who").setAutoWidth(true);
        history.addColumn(AlertChange::what).setHeader("What").setAutoWidth(true);
        history.addColumn(c -> c.detail() == null ? "" : c.detail())
                .setHeader("Detail")
                .setFlexGrow(1)
                .setTooltipGenerator(c -> c.detail() == null ? "" : c.detail());
        history.setAllRowsVisible(true);
        history.setEmptyStateText("No history.");
        return history;
    }

    private Grid<AlertAction.View> configureActions() {
        actions.setId("alert-actions");
        actions.addColumn(AlertAction.View::type).setHeader("Type").setAutoWidth(true);
        actions.addColumn(AlertAction.View::description)
                .setHeader("What")
                .setFlexGrow(1)
                .setTooltipGenerator(AlertAction.View::description);
        actions.addColumn(AlertAction.View::state).setHeader("State").setAutoWidth(true);
        actions.addColumn(AlertAction.View::attempts)
                .setHeader("Attempts")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        actions.addColumn(a -> a.outcome() == null ? "" : a.outcome())
                .setHeader("Outcome")
                .setWidth("12em")
                .setTooltipGenerator(a -> a.outcome() == null ? "" : a.outcome());
        actions.addColumn(a -> a.nextAttemptAt() != null
                        ? "next try " + AlertsView.time(a.nextAttemptAt())
                        : AlertsView.time(a.finishedAt()))
                .setHeader("When (UTC)")
                .setAutoWidth(true);
        if (mayAct) {
            actions.addComponentColumn(this::retryButton)
                    .setKey("retry")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        actions.setAllRowsVisible(true);
        actions.setEmptyStateText("The rule sets off no actions.");
        return actions;
    }

    private Component retryButton(AlertAction.View action) {
        if (!AlertAction.FAILED.equals(action.state())) {
            return new Span();
        }
        Button retry = new Button(
                "Try again",
                e -> act(
                        a -> alerts.retryAction(a.id(), action.id(), CurrentOperator.username()),
                        "action queued again"));
        retry.setId("alert-action-retry-" + action.id());
        retry.addClassName("alert-action-retry");
        retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return retry;
    }

    /** Runs an operator's action on the shown alert; the reason in a notification when refused. */
    private boolean act(Function<AlertView, AlertView> action, String done) {
        AlertView target = shown;
        if (target == null) {
            return false;
        }
        try {
            AlertView after = action.apply(target);
            AlertNotices.success("Alert " + target.id() + " " + done);
            changed.accept(after);
            return true;
        } catch (RuntimeException e) {
            AlertNotices.error(AlertNotices.reason(e));
            return false;
        }
    }

    /** The row just selected, until its history is read. */
    void loading(AlertView row) {
        showSummary(row);
        history.setItems(List.of());
        actions.setItems(List.of());
        history.setEmptyStateText("Loading…");
    }

    void show(AlertView alert) {
        showSummary(alert);
        history.setEmptyStateText("No history.");
        history.setItems(alert.history() == null ? List.of() : alert.history());
        actions.setItems(alert.actions() == null ? List.of() : alert.actions());
    }

    private void showSummary(AlertView alert) {
        boolean other = shown == null || shown.id() != alert.id();
        shown = alert;
        hint.setVisible(false);
        body.setVisible(true);
        title.setText("Alert " + alert.id() + " · " + alert.rule());
        badges.removeAll();
        badges.add(new SeverityBadge(alert.severity()), AlertsView.stateBadge(alert.state()));
        facts.setText("Device " + alert.deviceId()
                + " · count " + alert.count()
                + (alert.lastValue() == null ? "" : " · last value " + alert.lastValue())
                + " · raised " + AlertsView.time(alert.raisedAt())
                + " · last " + AlertsView.time(alert.lastAt())
                + (alert.acknowledgedBy() == null
                        ? ""
                        : " · acknowledged by " + alert.acknowledgedBy() + " "
                                + AlertsView.time(alert.acknowledgedAt()))
                + (alert.clearedBy() == null
                        ? ""
                        : " · cleared by " + alert.clearedBy() + " " + AlertsView.time(alert.clearedAt())));
        assigned.setText("Assigned to " + (alert.assignedTo() == null ? "nobody" : alert.assignedTo()));
        if (mayAct) {
            acknowledge.setEnabled(AlertState.OPEN.value().equals(alert.state()));
            clear.setEnabled(alert.active());
            if (other) {
                // a refresh of the same alert leaves what the operator is choosing or typing alone
                assignee.setValue(alert.assignedTo());
                commentText.clear();
            }
        }
    }

    void clear() {
        shown = null;
        body.setVisible(false);
        hint.setVisible(true);
    }

    /** The operators an alert can be given to (enabled person accounts). */
    void operators(List<String> usernames) {
        String current = assignee.getValue();
        assignee.setItems(usernames);
        if (current != null && usernames.contains(current)) {
            assignee.setValue(current);
        }
    }
}
