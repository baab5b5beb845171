package org.iotplatform.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFeedTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** A transaction that ends as the test says, telling its synchronizations. */
    private static final class Transaction implements TransactionSynchronizationRegistry {
        final List<Synchronization> synchronizations = new ArrayList<>();

        void end(int status) {
            synchronizations.forEach(s -> s.afterCompletion(status));
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }

    private final Transaction transaction = new Transaction();
    private final AlertFeed feed = new AlertFeed();

    {
        feed.transactions = transaction;
    }

    private static AlertEvent raised(long alertId) {
        return new AlertEvent(alertId, T, AlertEvent.SYSTEM, AlertEvent.RAISED, "temperature > 90: 91.5");
    }

    @Test
    void listenersHearOfTheChangesOnceTheTransactionCommits() {
        List<List<AlertFeed.Notice>> heard = new ArrayList<>();
        feed.subscribe(heard::add);

        feed.afterCommit(List.of(raised(7), new AlertEvent(8, T, "alice", AlertEvent.ACKNOWLEDGED, null)));
        assertTrue(heard.isEmpty(), "not before the commit");
        transaction.end(Status.STATUS_COMMITTED);

        assertEquals(
                List.of(List.of(
                        new AlertFeed.Notice(
                                7, new AlertChange(T, AlertEvent.SYSTEM, AlertEvent.RAISED, "temperature > 90: 91.5")),
                        new AlertFeed.Notice(8, new AlertChange(T, "alice", AlertEvent.ACKNOWLEDGED, null)))),
                heard);
    }

    @Test
    void nothingIsToldOfARolledBackTransaction() {
        List<List<AlertFeed.Notice>> heard = new ArrayList<>();
        feed.subscribe(heard::add);

        feed.afterCommit(raised(7));
        transaction.end(Status.STATUS_ROLLEDBACK);

        assertTrue(heard.isEmpty());
    }

    @Test
    void aTransactionWithoutChangesTellsNothing() {
        feed.afterCommit(List.of());

        assertTrue(transaction.synchronizations.isEmpty());
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() {
        List<Long> first = new ArrayList<>();
        List<Long> last = new ArrayList<>();
        feed.subscribe(n -> first.add(n.get(0).alertId()));
        feed.subscribe(n -> {
            throw new IllegalStateException("a broken view");
        });
        feed.subscribe(n -> last.add(n.get(0).alertId()));

        feed.afterCommit(raised(7));
        transaction.end(Status.STATUS_COMMITTED); // does not throw

        assertEquals(List.of(7L), first);
        assertEquals(List.of(7L), last);
    }

    @Test
    void aClosedSubscriptionHearsNoMore() {
        List<Long> heard = new ArrayList<>();
        AlertFeed.Subscription subscription =
                feed.subscribe(n -> heard.add(n.get(0).alertId()));

        feed.published(List.of(AlertFeed.Notice.of(raised(7))));
        subscription.close();
        feed.published(List.of(AlertFeed.Notice.of(raised(8))));

        assertEquals(List.of(7L), heard);
    }
}
