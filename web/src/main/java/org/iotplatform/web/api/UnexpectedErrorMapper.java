package org.iotplatform.web.api;

import jakarta.ejb.EJBAccessException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What no capability's mapper answers: a change that lost an optimistic-locking race (also when the
 * container wrapped it), a call the EJB container refused for the caller's role, and anything
 * unexpected, which is logged with an incident id and answered without internals.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof OptimisticLockException || e.getCause() instanceof OptimisticLockException) {
            return ApiError.response(409, "conflict", "changed by someone else meanwhile; read it again and retry");
        }
        if (e instanceof EJBAccessException) {
            return ApiError.response(403, "forbidden", "not allowed for your role");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return ApiError.response(500, "internal-error", "unexpected error; incident " + incident);
    }
}
