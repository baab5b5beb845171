package org.iotplatform.web.ui.operators;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.iotplatform.operators.AccountExistsException;
import org.iotplatform.operators.AccountStatus;
import org.iotplatform.operators.AccountSummary;
import org.iotplatform.operators.InvalidAccountException;
import org.iotplatform.operators.OperatorAccounts;
import org.iotplatform.operators.Password;
import org.iotplatform.operators.Role;
import org.iotplatform.operators.Username;
import org.iotplatform.web.ui.CurrentOperator;

/** Accounts of the people and systems using the platform: create, enable, disable. Admins only. */
@Route("operators")
@Menu(title = "Operators", order = 5, icon = "vaadin:users")
@PageTitle("Operators · IoT Platform")
@RolesAllowed(Role.ADMIN_NAME)
public class OperatorsView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final OperatorAccounts accounts;
    private final Grid<AccountSummary> grid = new Grid<>();

    @Inject
    public OperatorsView(OperatorAccounts accounts) {
        this.accounts = accounts;
        setId("operators");
        setSizeFull();

        Button create = new Button("New account", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.setId("new-account");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(new H2("Operators"), create);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.setId("operators-grid");
        grid.addColumn(AccountSummary::username)
                .setHeader("Username")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(AccountSummary::role).setHeader("Role").setAutoWidth(true);
        grid.addColumn(AccountSummary::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(a -> TIME.format(a.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true);
        grid.addComponentColumn(this::statusButton).setHeader("").setAutoWidth(true);
        grid.setEmptyStateText("No accounts yet.");
        add(bar, grid);
        refresh();
    }

    private Button statusButton(AccountSummary account) {
        boolean enabled = AccountStatus.ENABLED.value().equals(account.status());
        Button b = new Button(enabled ? "Disable" : "Enable", e -> {
            run(
                    () -> accounts.change(
                            new Username(account.username()),
                            Optional.of(enabled ? AccountStatus.DISABLED : AccountStatus.ENABLED),
                            Optional.empty(),
                            Optional.empty(),
                            CurrentOperator.username()),
                    account.username() + (enabled ? " disabled" : " enabled"));
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, enabled ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        b.setEnabled(!account.username().equals(CurrentOperator.username()));
        return b;
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New account");
        TextField username = new TextField("Username");
        username.setId("new-username");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.PERSON_ROLES);
        role.setItemLabelGenerator(Role::value);
        role.setValue(Role.VIEWER);
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText("At least " + Password.MIN_LENGTH + " characters");
        password.setId("new-password");
        dialog.add(new VerticalLayout(username, role, password));
        Button save = new Button("Create", e -> {
            boolean ok = run(
                    () -> accounts.create(
                            new Username(username.getValue().trim()),
                            role.getValue(),
                            new Password(password.getValue()),
                            CurrentOperator.username()),
                    "Account " + username.getValue().trim() + " created");
            if (ok) {
                dialog.close();
            }
        });
        save.setId("create-account");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private boolean run(Runnable action, String success) {
        try {
            action.run();
            Notification.show(success, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            return true;
        } catch (InvalidAccountException | AccountExistsException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
    }

    private void refresh() {
        grid.setItems(accounts.list());
    }
}
