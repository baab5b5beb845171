package org.iotplatform.web.ui;

import com.vaadin.flow.server.VaadinRequest;
import java.util.Arrays;
import java.util.Optional;
import org.iotplatform.operators.Role;

/** The operator behind the current dashboard request. */
public final class CurrentOperator {

    private CurrentOperator() {}

    public static String username() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null || request.getUserPrincipal() == null
                ? "anonymous"
                : request.getUserPrincipal().getName();
    }

    public static Optional<Role> role() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null) {
            return Optional.empty();
        }
        return Arrays.stream(Role.values())
                .filter(r -> request.isUserInRole(r.value()))
                .findFirst();
    }
}
