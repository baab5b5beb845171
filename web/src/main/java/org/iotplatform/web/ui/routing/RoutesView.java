package org.iotplatform.web.ui.routing;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.operators.Role;
import org.iotplatform.routing.EndpointType;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.routing.RouteSummary;
import org.iotplatform.routing.RoutingRules;
import org.iotplatform.routing.RuleNotFoundException;
import org.iotplatform.web.ui.CurrentOperator;

/**
 * Telemetry routes at a glance: what each route sends where, and how delivery is going (delivered,
 * waiting, failed, last error), so an operator notices a broken webhook before the receiver does.
 * Admins also create, edit, switch on and off, and delete routes.
 */
@Route("routes")
@Menu(title = "Routes", order = 4, icon = "vaadin:road-branches")
@PageTitle("Routes · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
public class RoutesView extends VerticalLayout {

    private static final Logger LOG = Logger.getLogger(RoutesView.class.getName());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int ERROR_PREVIEW = 40;

    private final RoutingRules rules;
    private final boolean admin;
    private final Grid<RouteSummary> grid = new Grid<>();

    @Inject
    public RoutesView(RoutingRules rules) {
        this.rules = rules;
        VaadinRequest request = VaadinRequest.getCurrent();
        this.admin = request != null && request.isUserInRole(Role.ADMIN_NAME);
        setId("routes");
        setSizeFull();
        add(header(), configureGrid());
        refresh();
    }

    private Component header() {
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("refresh-routes");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(new H2("Routes"), refresh);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.setWidthFull();
        if (admin) {
            Button create = new Button("New route", VaadinIcon.PLUS.create(), e -> openDialog(null));
            create.setId("new-route");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            bar.add(create);
        }
        return bar;
    }

    private Grid<RouteSummary> configureGrid() {
        grid.setId("routes-grid");
        grid.addColumn(RouteSummary::name)
                .setHeader("Name")
                .setComparator(RouteSummary::name)
                .setAutoWidth(true);
        grid.addColumn(RouteSummary::condition)
                .setHeader("Condition")
                .setFlexGrow(1)
                .setTooltipGenerator(RouteSummary::condition);
        grid.addColumn(RoutesView::endpoint)
                .setHeader("Endpoint")
                .setFlexGrow(1)
                .setTooltipGenerator(RoutesView::endpoint);
        grid.addColumn(r -> r.enabled() ? "yes" : "no").setHeader("Enabled").setAutoWidth(true);
        grid.addColumn(RouteSummary::delivered)
                .setHeader("Delivered")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(RouteSummary::pending)
                .setHeader("Pending")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(RouteSummary::failedAttempts)
                .setHeader("Failed attempts")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> preview(r.lastError()))
                .setHeader("Last error")
                .setWidth("14em")
                .setTooltipGenerator(r -> Optional.ofNullable(r.lastError()).orElse(""));
        grid.addColumn(r -> r.lastDeliveredAt() == null ? "never" : TIME.format(r.lastDeliveredAt()))
                .setHeader("Last delivery (UTC)")
                .setAutoWidth(true);
        if (admin) {
            grid.addComponentColumn(this::actions)
                    .setHeader("")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setEmptyStateText(
                admin
                        ? "No routes yet. Create one with New route to send matching telemetry to a webhook, an AMQP address or a directory."
                        : "No routes yet. An admin can define where matching telemetry is delivered.");
        return grid;
    }

    private static String endpoint(RouteSummary route) {
        return route.endpointType() + " · " + route.target();
    }

    private static String preview(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        return error.length() <= ERROR_PREVIEW ? error : error.substring(0, ERROR_PREVIEW) + "…";
    }

    private Component actions(RouteSummary row) {
        String name = row.name();
        boolean enable = !row.enabled();
        Button edit = new Button("Edit", e -> openDialog(name));
        edit.setId("edit-route-" + name);
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button toggle = new Button(
                enable ? "Enable" : "Disable",
                e -> run(
                        () -> {
                            // re-read so that only the switch changes, whatever someone else edited meanwhile
                            RouteSummary current = rules.get(name);
                            rules.change(
                                    name,
                                    current.condition(),
                                    EndpointType.of(current.endpointType()),
                                    current.target(),
                                    enable,
                                    CurrentOperator.username());
                        },
                        name + (enable ? " enabled" : " disabled")));
        toggle.setId("toggle-route-" + name);
        toggle.addThemeVariants(
                ButtonVariant.LUMO_SMALL, enable ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
        Button delete = new Button("Delete", e -> confirmDelete(row));
        delete.setId("delete-route-" + name);
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(edit, toggle, delete);
        actions.setSpacing(false);
        actions.addClassNames(LumoUtility.Gap.SMALL);
        return actions;
    }

    /** Opens the form for a new route ({@code name} null) or for the current state of an existing one. */
    private void openDialog(String name) {
        RouteSummary existing = null;
        if (name != null) {
            try {
                existing = rules.get(name);
            } catch (RuntimeException e) {
                error(reason(e));
                refresh();
                return;
            }
        }
        boolean creating = existing == null;
        new RouteDialog(existing, d -> {
                    try {
                        if (creating) {
                            rules.create(
                                    d.name(),
                                    d.condition(),
                                    d.type(),
                                    d.target(),
                                    d.enabled(),
                                    CurrentOperator.username());
                        } else {
                            rules.change(
                                    d.name(),
                                    d.condition(),
                                    d.type(),
                                    d.target(),
                                    d.enabled(),
                                    CurrentOperator.username());
                        }
                    } catch (RuntimeException e) {
                        return Optional.of(reason(e));
                    }
                    success("Route " + d.name() + (creating ? " created" : " saved"));
                    refresh();
                    return Optional.empty();
                })
                .open();
    }

    private void confirmDelete(RouteSummary row) {
        Dialog confirm = new Dialog();
        confirm.setHeaderTitle("Delete route " + row.name() + "?");
        confirm.add(new Paragraph("Matching telemetry is no longer sent to " + endpoint(row) + "."
                + (row.pending() > 0 ? " " + row.pending() + " messages waiting for delivery are dropped." : "")
                + " This cannot be undone."));
        Button yes = new Button("Delete", e -> {
            run(() -> rules.delete(row.name(), CurrentOperator.username()), "Route " + row.name() + " deleted");
            confirm.close();
        });
        yes.setId("confirm-delete-route");
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button("Cancel", e -> confirm.close());
        cancel.setId("cancel-delete-route");
        confirm.getFooter().add(cancel, yes);
        confirm.open();
    }

    private void run(Runnable action, String done) {
        try {
            action.run();
            success(done);
        } catch (RuntimeException e) {
            error(reason(e));
        }
        refresh();
    }

    private void refresh() {
        try {
            grid.setItems(rules.all());
        } catch (RuntimeException e) {
            error("Routes could not be loaded: " + reason(e));
        }
    }

    /**
     * The routing service's own messages are meant for people, also when the EJB container wrapped
     * them; anything else is logged with an incident id and summarised, never shown as a stack trace.
     */
    private static String reason(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidRuleException || t instanceof RuleNotFoundException) {
                return capitalized(t.getMessage());
            }
            if (t instanceof OptimisticLockException) {
                return "The route was changed by someone else meanwhile; refresh and try again.";
            }
            if (t instanceof EJBAccessException) {
                return "Not allowed for your role.";
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Route action failed, incident " + incident, e);
        return "The server could not do this (incident " + incident + "). Try again in a moment.";
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty()
                ? "Refused."
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private static void success(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private static void error(String message) {
        Notification.show(message, 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
