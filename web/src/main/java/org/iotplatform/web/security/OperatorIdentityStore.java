package org.iotplatform.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.iotplatform.operators.OperatorAccounts;

/** Checks operator credentials against the accounts in MariaDB; the caller's group is its role. */
@ApplicationScoped
public class OperatorIdentityStore implements IdentityStore {

    @Inject
    OperatorAccounts accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential c)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return accounts.authenticate(c.getCaller(), c.getPasswordAsString())
                .map(role -> new CredentialValidationResult(c.getCaller(), Set.of(role.value())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
