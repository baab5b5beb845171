package org.iotplatform.alerts;

import jakarta.ejb.ApplicationException;

/** A rule definition that cannot be accepted; the message says why. */
@ApplicationException(rollback = true)
public class InvalidAlertRuleException extends RuntimeException {
    public InvalidAlertRuleException(String message) {
        super(message);
    }
}
