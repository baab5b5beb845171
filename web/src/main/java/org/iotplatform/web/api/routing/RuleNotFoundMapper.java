package org.iotplatform.web.api.routing;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.routing.RuleNotFoundException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 not-found}: no route with that name. */
@Provider
public class RuleNotFoundMapper extends ErrorMapper<RuleNotFoundException> {

    public RuleNotFoundMapper() {
        super(404, "not-found");
    }
}
