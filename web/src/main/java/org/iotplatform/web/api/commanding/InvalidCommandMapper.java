package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.commanding.InvalidCommandException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: the command was refused, with the reason. */
@Provider
public class InvalidCommandMapper extends ErrorMapper<InvalidCommandException> {

    public InvalidCommandMapper() {
        super(400, "invalid-request");
    }
}
