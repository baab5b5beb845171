package org.iotplatform.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code 400 invalid-json} with the reason. JAX-RS picks the mapper nearest the exception's class, so
 * this one wins over {@link ApiExceptionMapper} (which would answer any {@code BadRequestException}
 * with just "Bad Request").
 */
@Provider
public class InvalidJsonMapper implements ExceptionMapper<InvalidJsonException> {

    @Override
    public Response toResponse(InvalidJsonException e) {
        return ApiExceptionMapper.error(400, "invalid-json", e.getMessage());
    }
}
