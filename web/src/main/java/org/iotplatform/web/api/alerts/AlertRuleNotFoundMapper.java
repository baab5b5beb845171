package org.iotplatform.web.api.alerts;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.alerts.AlertRuleNotFoundException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 not-found}: no rule with that id. */
@Provider
public class AlertRuleNotFoundMapper extends ErrorMapper<AlertRuleNotFoundException> {

    public AlertRuleNotFoundMapper() {
        super(404, "not-found");
    }
}
