package org.iotplatform.web.api;

import jakarta.ws.rs.ext.Provider;

/**
 * {@code 400 invalid-json} with the reason. JAX-RS picks the mapper nearest the exception's class, so
 * this one wins over {@link WebApplicationExceptionMapper} (which would answer any
 * {@code BadRequestException} with just "Bad Request").
 */
@Provider
public class InvalidJsonMapper extends ErrorMapper<InvalidJsonException> {

    public InvalidJsonMapper() {
        super(400, "invalid-json");
    }
}
