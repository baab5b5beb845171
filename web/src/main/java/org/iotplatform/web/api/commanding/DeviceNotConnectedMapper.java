package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.commanding.DeviceNotConnectedException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 device-not-connected}: a direct method needs the device online, as in IoT Hub. */
@Provider
public class DeviceNotConnectedMapper extends ErrorMapper<DeviceNotConnectedException> {

    public DeviceNotConnectedMapper() {
        super(404, "device-not-connected");
    }
}
