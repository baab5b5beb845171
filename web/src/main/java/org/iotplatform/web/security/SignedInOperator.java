package org.iotplatform.web.security;

import java.io.Serializable;
import java.util.Set;

/** The operator a dashboard session belongs to; kept in the HTTP session after a form login. */
public record SignedInOperator(String username, Set<String> roles) implements Serializable {

    public static final String SESSION_ATTRIBUTE = SignedInOperator.class.getName();
}
