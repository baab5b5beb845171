package org.iotplatform.web.api.maintenance;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.maintenance.InvalidModelException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: a maintenance model or request that cannot be taken as given. */
@Provider
public class InvalidModelMapper extends ErrorMapper<InvalidModelException> {

    public InvalidModelMapper() {
        super(400, "invalid-request");
    }
}
