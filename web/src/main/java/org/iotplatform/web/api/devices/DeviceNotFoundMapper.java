package org.iotplatform.web.api.devices;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.registry.DeviceNotFoundException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 not-found}: no device with that id. */
@Provider
public class DeviceNotFoundMapper extends ErrorMapper<DeviceNotFoundException> {

    public DeviceNotFoundMapper() {
        super(404, "not-found");
    }
}
