package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.commanding.CommandNotSentException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 503 gateway-unavailable}: the command could not be handed to the device gateway. */
@Provider
public class CommandNotSentMapper extends ErrorMapper<CommandNotSentException> {

    public CommandNotSentMapper() {
        super(503, "gateway-unavailable");
    }
}
