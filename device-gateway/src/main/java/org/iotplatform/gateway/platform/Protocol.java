package org.iotplatform.gateway.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/** The device protocols the gateway speaks, as named in the internal API. */
public enum Protocol {
   MQTT, AMQP;

   @JsonValue
   public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
   }
}
