package org.iotplatform.web.api.devices;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.registry.InvalidDeviceException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: the registry refused the device, its tags or the query, with the reason. */
@Provider
public class InvalidDeviceMapper extends ErrorMapper<InvalidDeviceException> {

    public InvalidDeviceMapper() {
        super(400, "invalid-request");
    }
}
