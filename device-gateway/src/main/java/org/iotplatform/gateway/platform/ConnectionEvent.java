package org.iotplatform.gateway.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;

/** One entry of {@code POST /api/v1/internal/gateway/connection-events}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionEvent(String deviceId, Kind event, Instant at, Protocol protocol, String reason,
                              String remoteAddress) {

   public enum Kind {
      CONNECTED, DISCONNECTED, ACTIVITY;

      @JsonValue
      public String wireName() {
         return name().toLowerCase(java.util.Locale.ROOT);
      }
   }
}
