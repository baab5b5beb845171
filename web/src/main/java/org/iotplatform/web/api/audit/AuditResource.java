package org.iotplatform.web.api.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.iotplatform.audit.AuditRecord;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.operators.Role;
import org.iotplatform.web.api.Range;

/** The audit trail, newest first; admins only. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AuditResource {

    @Inject
    AuditTrail audit;

    @GET
    public List<AuditRecord> recent(@QueryParam("limit") @DefaultValue("100") @Range(min = 1, max = 1000) int limit) {
        return audit.recent(limit);
    }
}
