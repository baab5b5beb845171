package org.iotplatform.registry;

import jakarta.ejb.ApplicationException;

/** A request about a device that breaks a rule; the message is safe to show to the caller. */
@ApplicationException(rollback = true)
public class InvalidDeviceException extends RuntimeException {
    public InvalidDeviceException(String message) {
        super(message);
    }
}
