package org.iotplatform.web.api.operators;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.operators.AccountNotFoundException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 not-found}: no account with that username. */
@Provider
public class AccountNotFoundMapper extends ErrorMapper<AccountNotFoundException> {

    public AccountNotFoundMapper() {
        super(404, "not-found");
    }
}
