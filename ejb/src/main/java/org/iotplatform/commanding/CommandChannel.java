package org.iotplatform.commanding;

import jakarta.ejb.Local;
import java.time.Duration;

/**
 * The way to devices, through the gateway: implemented in the integration module (Camel). Sends
 * return once the gateway's broker has the message; answers come back through the services.
 */
@Local
public interface CommandChannel {

    /** A direct method request, dropped by the broker after {@code expiry} (the caller's time-out). */
    void sendMethodRequest(String deviceId, String method, String requestId, byte[] payload, Duration expiry);

    /**
     * A cloud-to-device message, marked with {@code messageId} (the gateway reports its delivery by it),
     * dropped by the broker after {@code expiry}.
     */
    void sendCloudToDevice(
            String deviceId,
            String messageId,
            java.util.Map<String, String> properties,
            byte[] payload,
            Duration expiry);

    /** A desired-properties patch (or the whole desired document) at {@code version}. */
    void sendDesired(String deviceId, long version, byte[] patch);

    /** The answer to a device's twin request: {@code status}, and for a reported patch the new {@code version}. */
    void sendTwinResponse(String deviceId, String requestId, int status, Long version, byte[] body);
}
