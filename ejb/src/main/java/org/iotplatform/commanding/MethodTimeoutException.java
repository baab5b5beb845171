package org.iotplatform.commanding;

import java.time.Duration;

/** The device did not answer a direct method in time. */
public class MethodTimeoutException extends RuntimeException {
    public MethodTimeoutException(String deviceId, String method, Duration timeout) {
        super("device '" + deviceId + "' did not answer " + method + " within " + timeout.toSeconds() + " s");
    }
}
