package org.iotplatform.operators;

import jakarta.ejb.ApplicationException;

/** An account with this username already exists. */
@ApplicationException(rollback = true)
public class AccountExistsException extends RuntimeException {
    public AccountExistsException(Username username) {
        super("account '" + username + "' already exists");
    }
}
