package org.iotplatform.telemetry;

/** Why a message does not meet the telemetry policy; the message is kept with this reason. */
public class RejectedTelemetryException extends Exception {
    public RejectedTelemetryException(String reason) {
        super(reason, null, false, false);
    }
}
