package org.iotplatform.gateway.platform;

import java.util.List;

/** Devices revoked (disabled, deleted, keys changed) since a cursor, and the cursor to ask from next. */
public record RevocationBatch(long cursor, List<String> deviceIds) {

   public RevocationBatch {
      deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
   }
}
