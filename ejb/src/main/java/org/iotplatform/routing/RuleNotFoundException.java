package org.iotplatform.routing;

import jakarta.ejb.ApplicationException;

@ApplicationException(rollback = true)
public class RuleNotFoundException extends RuntimeException {
    public RuleNotFoundException(String name) {
        super("no route named '" + name + "'");
    }
}
