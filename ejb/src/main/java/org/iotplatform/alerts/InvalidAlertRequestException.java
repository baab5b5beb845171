package org.iotplatform.alerts;

import jakarta.ejb.ApplicationException;

/** An operator's action on an alert that cannot be taken as given (e.g. an empty comment). */
@ApplicationException(rollback = true)
public class InvalidAlertRequestException extends RuntimeException {
    public InvalidAlertRequestException(String message) {
        super(message);
    }
}
