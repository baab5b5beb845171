package org.iotplatform.alerts;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a database failure ended the transaction it happened in: MariaDB rolls the whole
 * transaction back on a deadlock (1213), and a broken connection (SQL state class 08) takes it
 * along. After anything else the transaction can go on.
 */
final class TransactionFatal {

    /** Deadlock, lock wait time-out (its locks are still held), query interrupted. */
    private static final Set<Integer> CODES = Set.of(1213, 1205, 1317);

    private TransactionFatal() {}

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (CODES.contains(sql.getErrorCode())
                        || (state != null && (state.startsWith("08") || state.equals("40001")))) {
                    return true;
                }
            }
        }
        return false;
    }
}
