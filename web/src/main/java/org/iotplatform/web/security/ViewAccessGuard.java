package org.iotplatform.web.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import org.iotplatform.web.ui.AccessDeniedView;
import org.iotplatform.web.ui.login.LoginView;
import org.iotplatform.web.ui.overview.OverviewView;

/**
 * Decides, before every navigation, whether the signed-in operator may open a view: anonymous
 * users go to the sign-in view; views must say who may see them ({@link RolesAllowed} or
 * {@link PermitAll}), and a view that says nothing is denied.
 */
@ApplicationScoped
public class ViewAccessGuard {

    void install(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        VaadinRequest request = VaadinRequest.getCurrent();
        boolean signedIn = request != null && request.getUserPrincipal() != null;
        if (target == LoginView.class) {
            if (signedIn) {
                event.forwardTo(OverviewView.class);
            }
            return;
        }
        if (!signedIn) {
            event.forwardTo(LoginView.class);
            return;
        }
        if (mayOpen(target, request)) {
            return;
        }
        event.rerouteTo(AccessDeniedView.class);
    }

    /** Whether the signed-in operator may open {@code target}: the decision above, also for the menu. */
    public static boolean mayOpen(Class<?> target, VaadinRequest request) {
        return target.isAnnotationPresent(PermitAll.class) || isAllowed(target, request);
    }

    /** Whether the current operator may see {@code target}; views use it to hide links too. */
    public static boolean isAllowed(Class<?> target, VaadinRequest request) {
        RolesAllowed allowed = target.getAnnotation(RolesAllowed.class);
        return allowed != null
                && request != null
                && Arrays.stream(allowed.value()).anyMatch(request::isUserInRole);
    }
}
