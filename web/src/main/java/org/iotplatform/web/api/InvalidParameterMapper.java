package org.iotplatform.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@code 400 invalid-parameter} with the parameter and the values it may take. */
@Provider
public class InvalidParameterMapper implements ExceptionMapper<InvalidParameterException> {

    @Override
    public Response toResponse(InvalidParameterException e) {
        return ApiExceptionMapper.error(400, "invalid-parameter", e.getMessage());
    }
}
