package org.iotplatform.web.api.operators;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.operators.InvalidAccountException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 400 invalid-request}: the account, its role or password was refused, with the reason. */
@Provider
public class InvalidAccountMapper extends ErrorMapper<InvalidAccountException> {

    public InvalidAccountMapper() {
        super(400, "invalid-request");
    }
}
