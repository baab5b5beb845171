package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.commanding.MethodTimeoutException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 504 timeout}: the device did not answer the direct method in time. */
@Provider
public class MethodTimeoutMapper extends ErrorMapper<MethodTimeoutException> {

    public MethodTimeoutMapper() {
        super(504, "timeout");
    }
}
