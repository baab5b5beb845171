package org.iotplatform.maintenance;

import jakarta.ejb.ApplicationException;

/** No maintenance model of that name, or no estimate because the model or the device's data is missing. */
@ApplicationException(rollback = true)
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
