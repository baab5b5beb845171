package org.iotplatform.web.api.devices;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.registry.DeviceExistsException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 409 conflict}: a device with that id exists already. */
@Provider
public class DeviceExistsMapper extends ErrorMapper<DeviceExistsException> {

    public DeviceExistsMapper() {
        super(409, "conflict");
    }
}
