package org.iotplatform.operators;

import jakarta.ejb.ApplicationException;

/** No account has this username. */
@ApplicationException(rollback = true)
public class AccountNotFoundException extends RuntimeException {
    public AccountNotFoundException(Username username) {
        super("account '" + username + "' not found");
    }
}
