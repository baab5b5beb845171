package org.iotplatform.alerts;

import jakarta.ejb.ApplicationException;

@ApplicationException(rollback = true)
public class AlertNotFoundException extends RuntimeException {
    public AlertNotFoundException(long id) {
        super("no alert with id " + id);
    }
}
