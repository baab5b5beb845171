package org.iotplatform.gateway.broker;

import javax.security.auth.Subject;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

/** The device an authenticated connection belongs to, and when its SAS token expires. Lives in the connection's Subject. */
public record DeviceIdentity(String deviceId, Instant expiresAt) implements Principal {

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
