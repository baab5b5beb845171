package org.iotplatform.operators;

/** Too many password checks at once: try again shortly (HTTP 503 with Retry-After). */
public class PasswordChecksBusyException extends RuntimeException {

    public PasswordChecksBusyException() {
        super("too many sign-in attempts are being checked; try again in a moment");
    }
}
