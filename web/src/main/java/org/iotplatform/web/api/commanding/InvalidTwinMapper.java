package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.twin.InvalidTwinException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: the twin patch was refused, with the reason. */
@Provider
public class InvalidTwinMapper extends ErrorMapper<InvalidTwinException> {

    public InvalidTwinMapper() {
        super(400, "invalid-request");
    }
}
