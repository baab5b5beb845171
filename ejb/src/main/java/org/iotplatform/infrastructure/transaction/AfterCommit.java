package org.iotplatform.infrastructure.transaction;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must happen only once the current JTA transaction has committed (never on rollback). */
public final class AfterCommit {

    private AfterCommit() {}

    /**
     * Like {@link #run} but on one of {@code executor}'s threads: the work may call EJBs, which cannot
     * be called from a transaction's completion (the container fails to resume the finished transaction).
     */
    public static void runAsync(
            TransactionSynchronizationRegistry transactions, java.util.concurrent.Executor executor, Runnable work) {
        run(transactions, () -> executor.execute(work));
    }

    public static void run(TransactionSynchronizationRegistry transactions, Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing before
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
