package org.iotplatform.web.api.alerts;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.alerts.AlertNotFoundException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 not-found}: no alert with that id. */
@Provider
public class AlertNotFoundMapper extends ErrorMapper<AlertNotFoundException> {

    public AlertNotFoundMapper() {
        super(404, "not-found");
    }
}
