package org.iotplatform.web.api;

import jakarta.ejb.EJBAccessException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.commanding.CommandNotSentException;
import org.iotplatform.commanding.DeviceNotConnectedException;
import org.iotplatform.commanding.InvalidCommandException;
import org.iotplatform.commanding.MessageNotFoundException;
import org.iotplatform.commanding.MessageQueueFullException;
import org.iotplatform.commanding.MethodTimeoutException;
import org.iotplatform.operators.AccountExistsException;
import org.iotplatform.operators.AccountNotFoundException;
import org.iotplatform.operators.InvalidAccountException;
import org.iotplatform.registry.DeviceExistsException;
import org.iotplatform.registry.DeviceImport;
import org.iotplatform.registry.DeviceNotFoundException;
import org.iotplatform.registry.ImportRejectedException;
import org.iotplatform.registry.InvalidDeviceException;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.routing.RuleNotFoundException;
import org.iotplatform.twin.InvalidTwinException;
import org.iotplatform.twin.TwinConflictException;

/**
 * The one place exceptions become HTTP answers: domain errors keep their message, anything
 * unexpected is logged with an id and answered without internals.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<RuntimeException> {

    /** The answer to an import with bad lines: every error, with its line number. */
    public record ImportErrors(String error, String message, List<DeviceImport.LineError> errors) {}

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof WebApplicationException wae) {
            Response.StatusType status = wae.getResponse().getStatusInfo();
            return error(
                    status.getStatusCode(),
                    status.getReasonPhrase().toLowerCase().replace(' ', '-'),
                    status.getReasonPhrase());
        }
        if (e instanceof ImportRejectedException rejected) {
            return Response.status(400)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ImportErrors("import-rejected", rejected.getMessage(), rejected.errors()))
                    .build();
        }
        if (e instanceof MessageQueueFullException) {
            return error(429, "queue-full", e.getMessage());
        }
        if (e instanceof MessageNotFoundException) {
            return error(404, "not-found", e.getMessage());
        }
        if (e instanceof TwinConflictException) {
            return error(412, "precondition-failed", e.getMessage());
        }
        if (e instanceof DeviceNotConnectedException) {
            return error(404, "device-not-connected", e.getMessage());
        }
        if (e instanceof MethodTimeoutException) {
            return error(504, "timeout", e.getMessage());
        }
        if (e instanceof CommandNotSentException) {
            return error(503, "gateway-unavailable", e.getMessage());
        }
        if (e instanceof InvalidAccountException
                || e instanceof InvalidDeviceException
                || e instanceof InvalidCommandException
                || e instanceof InvalidTwinException
                || e instanceof InvalidRuleException
                || e instanceof IllegalArgumentException) {
            return error(400, "invalid-request", e.getMessage());
        }
        if (e instanceof AccountExistsException || e instanceof DeviceExistsException) {
            return error(409, "conflict", e.getMessage());
        }
        if (e instanceof AccountNotFoundException
                || e instanceof DeviceNotFoundException
                || e instanceof RuleNotFoundException) {
            return error(404, "not-found", e.getMessage());
        }
        if (e instanceof OptimisticLockException || e.getCause() instanceof OptimisticLockException) {
            return error(409, "conflict", "changed by someone else meanwhile; read it again and retry");
        }
        if (e instanceof EJBAccessException) {
            return error(403, "forbidden", "not allowed for your role");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return error(500, "internal-error", "unexpected error; incident " + incident);
    }

    static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message))
                .build();
    }
}
