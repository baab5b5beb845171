package org.iotplatform.operators;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an operator may do. Roles are flat: an admin is not implicitly an operator, so every
 * protected entry point lists each role it admits.
 */
public enum Role {
    /** Everything, including accounts and device provisioning. */
    ADMIN,
    /** Monitor, acknowledge alerts, send commands, manage work orders. */
    OPERATOR,
    /** Read only. */
    VIEWER,
    /** Not a person: the device gateway's service identity, for the internal gateway API only. */
    GATEWAY;

    /** Role names as the container and the API see them. */
    public static final String ADMIN_NAME = "admin";

    public static final String OPERATOR_NAME = "operator";
    public static final String VIEWER_NAME = "viewer";
    public static final String GATEWAY_NAME = "gateway";

    /** The roles a person's account can have (what the API and dashboard offer). */
    public static final java.util.List<Role> PERSON_ROLES = java.util.List.of(ADMIN, OPERATOR, VIEWER);

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String value) {
        return Arrays.stream(values())
                .filter(r -> r.value().equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidAccountException("role must be one of admin, operator, viewer, gateway"));
    }
}
