package org.iotplatform.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (404 for an unknown path, 405, 406, 415, a {@code ForbiddenException}...)
 * answered as every other error: the status's reason phrase as code and message.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return ApiError.response(
                status.getStatusCode(),
                status.getReasonPhrase().toLowerCase().replace(' ', '-'),
                status.getReasonPhrase());
    }
}
