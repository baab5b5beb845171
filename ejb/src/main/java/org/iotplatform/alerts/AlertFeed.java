package org.iotplatform.alerts;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.infrastructure.transaction.AfterCommit;

/**
 * Alert changes as they are committed, for live views in this instance: raised, cleared (by the rule
 * or by hand), acknowledged, assigned, commented, an action done, given up or retried; not the further
 * matches an active alert counts, so a busy device does not flood the views. Each change is a line of
 * the alert's history, so whatever writes one tells this. A listener, not a CDI event: events fired in
 * the EJB module do not reliably reach the WAR's beans. Listeners run on the committing thread and must
 * hand work off at once; a failing one is logged and affects neither the others nor the transaction.
 * Other platform instances' changes do not arrive here.
 */
@ApplicationScoped
public class AlertFeed {

    private static final Logger LOG = Logger.getLogger(AlertFeed.class.getName());

    /** What changed ({@code change}) on which alert. */
    public record Notice(long alertId, AlertChange change) {

        static Notice of(AlertEvent e) {
            return new Notice(e.alertId(), AlertChange.of(e));
        }
    }

    /** Returned by {@link #subscribe}; close it to stop listening. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Set<Consumer<List<Notice>>> listeners = new CopyOnWriteArraySet<>();

    /** The changes of each committed transaction, together (never empty). */
    public Subscription subscribe(Consumer<List<Notice>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells the listeners about these history lines once the caller's transaction commits; never on rollback. */
    void afterCommit(Collection<AlertEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Notice> notices = events.stream().map(Notice::of).toList();
        AfterCommit.run(transactions, () -> published(notices));
    }

    void afterCommit(AlertEvent event) {
        afterCommit(List.of(event));
    }

    void published(List<Notice> notices) {
        for (Consumer<List<Notice>> listener : listeners) {
            try {
                listener.accept(notices);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "alert listener failed", e);
            }
        }
    }
}
