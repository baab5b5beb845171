package org.iotplatform.registry;

import jakarta.ejb.ApplicationException;

@ApplicationException(rollback = true)
public class DeviceNotFoundException extends RuntimeException {
    public DeviceNotFoundException(DeviceId id) {
        super("device '" + id + "' not found");
    }
}
