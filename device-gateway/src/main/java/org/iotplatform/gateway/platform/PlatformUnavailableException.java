package org.iotplatform.gateway.platform;

/** The platform did not answer, or answered something outside the contract; callers fail closed. */
public class PlatformUnavailableException extends Exception {

    public PlatformUnavailableException(String message) {
        super(message);
    }

    public PlatformUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
