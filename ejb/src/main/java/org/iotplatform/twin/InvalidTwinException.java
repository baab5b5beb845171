package org.iotplatform.twin;

import jakarta.ejb.ApplicationException;

/** A twin change that is not allowed (not JSON objects, reserved names, too large, reported from the back end). */
@ApplicationException(rollback = true)
public class InvalidTwinException extends RuntimeException {
    public InvalidTwinException(String message) {
        super(message);
    }
}
