package org.iotplatform.maintenance;

import jakarta.ejb.ApplicationException;

/** A model definition or request that cannot be taken as given; the message says why, for people. */
@ApplicationException(rollback = true)
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }
}
