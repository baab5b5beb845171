package org.iotplatform.web.api;

import jakarta.ws.rs.ext.Provider;

/** {@code 400 invalid-request}: a value object refused what it was given (a bad id, name or number). */
@Provider
public class IllegalArgumentMapper extends ErrorMapper<IllegalArgumentException> {

    public IllegalArgumentMapper() {
        super(400, "invalid-request");
    }
}
