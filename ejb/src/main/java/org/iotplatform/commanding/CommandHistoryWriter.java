package org.iotplatform.commanding;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Writes finished direct methods to the command history and the audit log in batches, one
 * transaction per batch, off the callers' path: a transaction per call cost more CPU than the call
 * itself at hundreds of calls per second. A batch that fails is written again one by one, so one bad
 * row costs only itself; what is queued at shutdown is written before the application stops.
 */
@Singleton
@Startup // the writer thread must exist before the first answer comes back
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CommandHistoryWriter {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(CommandHistoryWriter.class.getName());

    private record Finished(DeviceCommand command, String auditDetail) {}

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CommandHistory history;

    private final BlockingQueue<Finished> queue = new LinkedBlockingQueue<>(100_000);
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile boolean running = true;
    private Thread writer;

    @PostConstruct
    void start() {
        writer = threads.newThread(this::drain);
        writer.setName("command-history-writer");
        writer.start();
    }

    /** Queues a finished command; when the queue is full the caller writes it itself rather than lose it. */
    public void keep(DeviceCommand command, String auditDetail) {
        Finished finished = new Finished(command, auditDetail);
        if (!running || !queue.offer(finished)) {
            write(List.of(finished));
        }
    }

    private void drain() {
        List<Finished> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Finished first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Finished> batch) {
        try {
            history.recordAll(
                    batch.stream().map(Finished::command).toList(),
                    batch.stream().map(Finished::auditDetail).toList());
        } catch (RuntimeException batchFailed) {
            failedBatches.incrementAndGet();
            LOG.warning(() -> "a batch of " + batch.size() + " finished commands was refused ("
                    + rootMessage(batchFailed) + "); writing them one by one");
            for (Finished f : batch) {
                try {
                    history.record(f.command(), f.auditDetail());
                } catch (RuntimeException e) {
                    LOG.warning(() -> "command " + f.command().name() + " of "
                            + f.command().deviceId() + " not kept in the history: " + e);
                }
            }
        }
    }

    /** Finished commands waiting to be written. */
    public int backlog() {
        return queue.size();
    }

    /** Batches refused since start (each then written row by row): should stay 0. */
    public long failedBatches() {
        return failedBatches.get();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Finished> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }
}
