package org.iotplatform.web.api.routing;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: the route's name, condition or target was refused, with the reason. */
@Provider
public class InvalidRuleMapper extends ErrorMapper<InvalidRuleException> {

    public InvalidRuleMapper() {
        super(400, "invalid-request");
    }
}
