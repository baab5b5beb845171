package org.iotplatform.web.api;

import jakarta.ws.rs.ext.Provider;

/** {@code 400 invalid-parameter} with the parameter and the values it may take. */
@Provider
public class InvalidParameterMapper extends ErrorMapper<InvalidParameterException> {

    public InvalidParameterMapper() {
        super(400, "invalid-parameter");
    }
}
