package org.iotplatform.operators;

import java.util.Arrays;
import java.util.Locale;

/** A disabled account keeps its history but can no longer sign in. */
public enum AccountStatus {
    ENABLED,
    DISABLED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountStatus of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value().equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidAccountException("status must be enabled or disabled"));
    }
}
