package org.iotplatform.routing;

import jakarta.ejb.ApplicationException;

/** A route definition that cannot be accepted; the message says why. */
@ApplicationException(rollback = true)
public class InvalidRuleException extends RuntimeException {
    public InvalidRuleException(String message) {
        super(message);
    }
}
