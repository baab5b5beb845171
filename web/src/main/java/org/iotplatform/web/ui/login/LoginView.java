package org.iotplatform.web.ui.login;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import org.iotplatform.web.security.IotAuthenticationMechanism;

/**
 * Sign-in for operators, outside the dashboard's frame. One message for every failure, so it reveals
 * nothing about accounts.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · IoT Platform")
public class LoginView extends VerticalLayout {

    private final SecurityContext securityContext;
    private final TextField username = new TextField("Username");
    private final PasswordField password = new PasswordField("Password");
    private static final String WRONG_CREDENTIALS = "Wrong username or password.";
    private final Paragraph error = new Paragraph(WRONG_CREDENTIALS);

    @Inject
    public LoginView(SecurityContext securityContext) {
        this.securityContext = securityContext;
        setId("login-view");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        H1 title = new H1("IoT Platform");
        title.addClassNames(LumoUtility.FontSize.XXLARGE);
        username.setId("username");
        username.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.USERNAME);
        username.setWidth("20em");
        username.focus();
        password.setId("password");
        password.setWidth("20em");
        error.setId("login-error");
        error.addClassNames(LumoUtility.TextColor.ERROR);
        error.setVisible(false);

        Button signIn = new Button("Sign in", e -> signIn());
        signIn.setId("sign-in");
        signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        signIn.addClickShortcut(Key.ENTER);
        signIn.setWidth("20em");

        add(title, username, password, error, signIn);
    }

    private void signIn() {
        AuthenticationStatus status = securityContext.authenticate(
                VaadinServletRequest.getCurrent().getHttpServletRequest(),
                VaadinServletResponse.getCurrent().getHttpServletResponse(),
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(
                                username.getValue().trim(), new Password(password.getValue()))));
        if (status == AuthenticationStatus.SUCCESS) {
            // a full load gives the new session (rotated on sign-in) a fresh UI
            UI.getCurrent().getPage().setLocation("/");
        } else {
            Object wait = VaadinServletRequest.getCurrent()
                    .getHttpServletRequest()
                    .getAttribute(IotAuthenticationMechanism.RETRY_AFTER_ATTRIBUTE);
            error.setText(
                    wait instanceof java.time.Duration d
                            ? "Too many failed sign-ins. Try again in " + Math.max(1, (d.toMillis() + 999) / 1000)
                                    + " seconds."
                            : WRONG_CREDENTIALS);
            password.clear();
            error.setVisible(true);
            password.focus();
        }
    }
}
