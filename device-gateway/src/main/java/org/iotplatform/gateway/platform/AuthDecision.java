package org.iotplatform.gateway.platform;

import java.time.Instant;

/** The platform's answer to "may this device connect with this token?". */
public sealed interface AuthDecision {

    /**
     * Granted until the token expires, to the device {@code incarnation} (which device of that id; null
     * from a platform that does not say), compared with revoked incarnations.
     */
    record Granted(String deviceId, Instant expiresAt, Long incarnation) implements AuthDecision {}

    /** Refused, with the platform's reason (unknown device, disabled, expired, bad signature, ...). */
    record Refused(String reason) implements AuthDecision {}
}
