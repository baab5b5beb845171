package org.iotplatform.web.api.alerts;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.alerts.InvalidAlertRequestException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: an alert action or filter that cannot be taken as given (e.g. an empty comment). */
@Provider
public class InvalidAlertRequestMapper extends ErrorMapper<InvalidAlertRequestException> {

    public InvalidAlertRequestMapper() {
        super(400, "invalid-request");
    }
}
