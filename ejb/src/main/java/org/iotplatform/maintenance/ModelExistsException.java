package org.iotplatform.maintenance;

import jakarta.ejb.ApplicationException;

/** A maintenance model of that name exists already. */
@ApplicationException(rollback = true)
public class ModelExistsException extends RuntimeException {

    public ModelExistsException(String name) {
        super("a maintenance model named '" + name + "' exists already");
    }
}
