package org.iotplatform.commanding;

import jakarta.ejb.ApplicationException;
import org.iotplatform.registry.DeviceId;

/** A direct method needs the device online now; it is not connected to any gateway. */
@ApplicationException
public class DeviceNotConnectedException extends RuntimeException {
    public DeviceNotConnectedException(DeviceId id) {
        super("device '" + id + "' is not connected");
    }
}
