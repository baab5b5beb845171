package org.iotplatform.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error answer: a stable code and a message safe to show. */
public record ApiError(String error, String message) {

    /** An answer with this status and an {@link ApiError} body. */
    public static Response response(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message))
                .build();
    }
}
