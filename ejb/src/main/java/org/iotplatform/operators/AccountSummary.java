package org.iotplatform.operators;

import java.time.Instant;

/**
 * An operator account as the dashboard and the API show it: never its password hash.
 *
 * @param role   {@link Role#value()}
 * @param status {@link AccountStatus#value()}
 */
public record AccountSummary(String username, String role, String status, Instant createdAt, Instant updatedAt) {

    public static AccountSummary of(OperatorAccount a) {
        return new AccountSummary(
                a.username().value(), a.role().value(), a.status().value(), a.createdAt(), a.updatedAt());
    }
}
