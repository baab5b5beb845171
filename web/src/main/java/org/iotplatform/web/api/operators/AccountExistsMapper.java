package org.iotplatform.web.api.operators;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.operators.AccountExistsException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 409 conflict}: an account with that username exists already. */
@Provider
public class AccountExistsMapper extends ErrorMapper<AccountExistsException> {

    public AccountExistsMapper() {
        super(409, "conflict");
    }
}
