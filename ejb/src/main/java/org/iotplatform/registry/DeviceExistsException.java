package org.iotplatform.registry;

import jakarta.ejb.ApplicationException;

@ApplicationException(rollback = true)
public class DeviceExistsException extends RuntimeException {
    public DeviceExistsException(DeviceId id) {
        super("device '" + id + "' already exists");
    }
}
