package org.iotplatform.alerts;

import jakarta.ejb.ApplicationException;

@ApplicationException(rollback = true)
public class AlertRuleNotFoundException extends RuntimeException {
    public AlertRuleNotFoundException(long id) {
        super("no rule with id " + id);
    }
}
