package org.iotplatform.telemetry;

import java.util.List;
import java.util.Map;

/**
 * Fired (synchronously, inside the ingest's transaction) with the messages a batch stored, so other
 * capabilities can act in the same transaction without telemetry knowing them.
 *
 * @param properties each message's property bag (by message identity)
 */
public record TelemetryStored(List<TelemetryMessage> messages, Map<TelemetryMessage, Map<String, String>> properties) {

    public Map<String, String> propertiesOf(TelemetryMessage message) {
        return properties.getOrDefault(message, Map.of());
    }
}
