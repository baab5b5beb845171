package org.iotplatform.operators;

import java.util.List;
import java.util.Optional;

/** Where operator accounts are kept. */
public interface OperatorAccountRepository {

    Optional<OperatorAccount> find(Username username);

    List<OperatorAccount> findAll();

    boolean anyEnabledWithRole(Role role);

    void store(OperatorAccount account);
}
