package org.iotplatform.operators;

import jakarta.ejb.ApplicationException;

/** A request about an account that breaks a rule; the message is safe to show to the caller. */
@ApplicationException(rollback = true)
public class InvalidAccountException extends RuntimeException {
    public InvalidAccountException(String message) {
        super(message);
    }
}
