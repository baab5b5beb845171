package org.iotplatform.telemetry;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.registry.DeviceId;

/**
 * Brings a device's recorded history in, e.g. the run-to-failure data a maintenance model learns
 * from: each message meets the live policy (reaching back as far as the raw retention), is stored
 * once under an id made from its time, so importing a file again stores nothing twice, and refused
 * lines are kept with their reason like refused live messages. Stored in chunks of their own
 * transactions: a large file does not hold one huge transaction, and an import cut short is
 * completed by running it again. History feeds charts, rollups and models; it does not pass through
 * routes or alert rules, which judge live telemetry.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HistoryImport {

    public static final int REPORTED_REJECTIONS = 1000;
    static final String TOPIC = "history-import";
    private static final Logger LOG = Logger.getLogger(HistoryImport.class.getName());
    private static final int CHUNK = 2000;

    @Inject
    HistoryChunk chunks;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public HistoryReport load(DeviceId device, List<HistoryLine> lines, String actor) {
        Instant now = clock.instant();
        int accepted = 0;
        int duplicates = 0;
        int rejectedCount = 0;
        List<HistoryReport.Rejection> rejected = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += CHUNK) {
            List<HistoryLine> chunk = lines.subList(from, Math.min(lines.size(), from + CHUNK));
            HistoryChunk.Stored stored;
            try {
                stored = chunks.store(device, chunk, now);
            } catch (EJBException e) {
                // another import of the same messages committed first: this time they are duplicates
                LOG.log(Level.FINE, "history chunk of " + device + " stored again", e);
                stored = chunks.store(device, chunk, now);
            }
            accepted += stored.accepted();
            duplicates += stored.duplicates();
            rejectedCount += stored.rejected().size();
            for (HistoryReport.Rejection r : stored.rejected()) {
                if (rejected.size() < REPORTED_REJECTIONS) {
                    rejected.add(r);
                }
            }
        }
        audit.record(
                actor,
                "telemetry.imported",
                device.value(),
                "accepted=" + accepted + " duplicates=" + duplicates + " rejected=" + rejectedCount);
        return new HistoryReport(accepted, duplicates, rejectedCount, rejected);
    }
}
