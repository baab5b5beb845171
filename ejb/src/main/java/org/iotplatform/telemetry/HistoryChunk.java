package org.iotplatform.telemetry;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iotplatform.registry.DeviceId;

/** One chunk of an import, in a transaction of its own. */
@Stateless
public class HistoryChunk {

    /** What a chunk did. */
    public record Stored(int accepted, int duplicates, List<HistoryReport.Rejection> rejected) {}

    @Inject
    TelemetryLimits limits;

    @Inject
    TelemetryStore store;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Stored store(DeviceId device, List<HistoryLine> lines, Instant now) {
        Map<String, TelemetryMessage> messages = new LinkedHashMap<>();
        List<HistoryReport.Rejection> rejected = new ArrayList<>();
        int duplicates = 0;
        for (HistoryLine line : lines) {
            IncomingTelemetry in =
                    new IncomingTelemetry(device, Optional.empty(), line.payload(), now, HistoryImport.TOPIC);
            try {
                if (line.refusal() != null) {
                    throw new RejectedTelemetryException(line.refusal());
                }
                TelemetryMessage checked = limits.history().check(in, now);
                String id = messageId(checked.timestamp());
                if (messages.putIfAbsent(
                                id,
                                new TelemetryMessage(
                                        device, id, checked.timestamp(), checked.receivedAt(), checked.values()))
                        != null) {
                    duplicates++; // a second line for the same time
                }
            } catch (RejectedTelemetryException e) {
                String reason = "line " + line.line() + ": " + e.getMessage();
                store.reject(new RejectedMessage(in, reason));
                rejected.add(new HistoryReport.Rejection(line.line(), e.getMessage()));
            }
        }
        List<TelemetryMessage> all = new ArrayList<>(messages.values());
        int stored = all.isEmpty() ? 0 : store.storeNew(all).size();
        return new Stored(stored, duplicates + all.size() - stored, rejected);
    }

    /** The same time gives the same id, so a second import of a message is a duplicate. */
    static String messageId(Instant ts) {
        return "import-" + ts.toEpochMilli();
    }
}
