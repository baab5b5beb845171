package org.iotplatform.telemetry;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iotplatform.infrastructure.transaction.AfterCommit;

/**
 * Takes device messages in: each either meets the {@link TelemetryPolicy} and is stored once
 * (by device and message id), or is kept as a rejected message with its reason. A batch is one
 * transaction, so a caller acknowledges its messages to the broker only after this returns. Never
 * throws for bad input, so a broken message cannot stall the stream behind it; it throws only when
 * the database fails, and then nothing of the batch was stored.
 */
@Stateless
public class TelemetryIngest {

    public enum Outcome {
        STORED,
        DUPLICATE,
        REJECTED
    }

    @Inject
    TelemetryStore store;

    @Inject
    TelemetryFeed feed;

    @Inject
    Event<TelemetryStored> storedEvent;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    TelemetryLimits limits;

    public Outcome ingest(IncomingTelemetry in) {
        return ingestAll(List.of(in)).get(0);
    }

    /** One outcome per message, in order. */
    public List<Outcome> ingestAll(List<IncomingTelemetry> batch) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<TelemetryMessage> accepted = new ArrayList<>(batch.size());
        Map<TelemetryMessage, Map<String, String>> properties = new IdentityHashMap<>();
        var now = clock.instant();
        for (IncomingTelemetry in : batch) {
            try {
                TelemetryMessage message = limits.live().check(in, now);
                accepted.add(message);
                properties.put(message, in.properties());
                outcomes.add(null); // decided below
            } catch (RejectedTelemetryException e) {
                store.reject(new RejectedMessage(in, e.getMessage()));
                outcomes.add(Outcome.REJECTED);
            }
        }
        List<TelemetryMessage> stored = accepted.isEmpty() ? List.of() : store.storeNew(accepted);
        if (!stored.isEmpty()) {
            storedEvent.fire(new TelemetryStored(stored, properties));
        }
        Set<TelemetryMessage> storedNow = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        storedNow.addAll(stored);
        int next = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null) {
                outcomes.set(i, storedNow.contains(accepted.get(next++)) ? Outcome.STORED : Outcome.DUPLICATE);
            }
        }
        if (!stored.isEmpty()) {
            AfterCommit.run(transactions, () -> feed.published(stored));
        }
        return outcomes;
    }

    /** Keeps a message that could not be stored (e.g. refused by the database) with the reason. */
    public void keepUnstorable(IncomingTelemetry in, String reason) {
        store.reject(new RejectedMessage(in, reason));
    }
}
