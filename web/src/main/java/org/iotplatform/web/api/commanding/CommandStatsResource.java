package org.iotplatform.web.api.commanding;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.iotplatform.commanding.CommandHistoryWriter;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.operators.Role;

/**
 * {@code GET /commands/stats}: direct methods waiting for their answer now, finished commands not yet
 * in the history, and history batches the database refused since the start (each then written row by
 * row; anything but 0 deserves a look at the server log).
 */
@Path("commands/stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CommandStatsResource {

    public record CommandStats(int methodsInFlight, int historyBacklog, long historyBatchesFailed) {}

    @Inject
    DirectMethods methods;

    @Inject
    CommandHistoryWriter history;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
    public CommandStats stats() {
        return new CommandStats(methods.inFlight(), history.backlog(), history.failedBatches());
    }
}
