package org.iotplatform.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers one exception type with a fixed status and error code and the exception's own message,
 * which the services write for people and keep free of internals. Each capability's API package
 * declares a subclass per exception it owns; JAX-RS picks the mapper nearest an exception's class,
 * and {@link UnexpectedErrorMapper} takes whatever none of them names.
 */
public abstract class ErrorMapper<E extends RuntimeException> implements ExceptionMapper<E> {

    private final int status;
    private final String code;

    protected ErrorMapper(int status, String code) {
        this.status = status;
        this.code = code;
    }

    @Override
    public Response toResponse(E e) {
        return ApiError.response(status, code, e.getMessage());
    }
}
