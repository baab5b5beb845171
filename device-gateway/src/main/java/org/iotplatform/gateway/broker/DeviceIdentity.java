package org.iotplatform.gateway.broker;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import javax.security.auth.Subject;

/**
 * The device an authenticated connection belongs to, when its SAS token expires, and which
 * incarnation of that device id signed in (null if the platform did not say). Lives in the
 * connection's Subject.
 */
public record DeviceIdentity(String deviceId, Instant expiresAt, Long incarnation) implements Principal {

    /** Whether revoking {@code revoked} (null: every incarnation) ends this login. */
    public boolean revokedBy(Long revoked) {
        return revoked == null || incarnation == null || incarnation <= revoked;
    }

    @Override
    public String getName() {
        return deviceId;
    }

    public static Optional<DeviceIdentity> of(Subject subject) {
        if (subject == null) {
            return Optional.empty();
        }
        return subject.getPrincipals(DeviceIdentity.class).stream().findFirst();
    }
}
