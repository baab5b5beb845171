package org.iotplatform.web.api.alerts;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.alerts.InvalidAlertRuleException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: the rule's name, devices, condition, timing, severity or actions were refused, with the reason. */
@Provider
public class InvalidAlertRuleMapper extends ErrorMapper<InvalidAlertRuleException> {

    public InvalidAlertRuleMapper() {
        super(400, "invalid-request");
    }
}
