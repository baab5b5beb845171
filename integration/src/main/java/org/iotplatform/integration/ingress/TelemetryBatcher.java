package org.iotplatform.integration.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceSupport;
import org.iotplatform.telemetry.IncomingTelemetry;
import org.iotplatform.telemetry.TelemetryIngest;

/**
 * Turns the message-at-a-time stream of an ingress route into batches, one transaction each, and
 * completes every exchange (which is when the consumer acknowledges it to the broker) only after its
 * batch committed. Messages are spread over lanes by device, each with one worker: batches of
 * different lanes touch different rows, so they never wait for each other's locks, and a device's
 * messages keep their order.
 *
 * <p>When the database fails, the batch is retried; a batch that keeps failing is split so one
 * message the database refuses is kept as a rejected message instead of blocking its lane; while the
 * database is down, workers back off and the broker holds the rest (nothing is acknowledged).
 */
public class TelemetryBatcher extends ServiceSupport implements AsyncProcessor {

    private static final Logger LOG = Logger.getLogger(TelemetryBatcher.class.getName());
    public static final String OUTCOME = "telemetryOutcome";

    /** Turns an exchange into the message to ingest, or null when it is not one (it is then acknowledged). */
    public interface Reader {
        IncomingTelemetry read(Exchange exchange);
    }

    private record Pending(IncomingTelemetry message, Exchange exchange, AsyncCallback callback) {}

    private final TelemetryIngest ingest;
    private final Reader reader;
    private final ThreadFactory threads;
    private final int maxBatch;
    private final List<BlockingQueue<Pending>> lanes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean databaseDown;

    public TelemetryBatcher(
            TelemetryIngest ingest, Reader reader, ThreadFactory threads, int lanes, int maxBatch, int queuedPerLane) {
        this.ingest = ingest;
        this.reader = reader;
        this.threads = threads;
        this.maxBatch = maxBatch;
        for (int i = 0; i < lanes; i++) {
            this.lanes.add(new ArrayBlockingQueue<>(queuedPerLane));
        }
    }

    @Override
    protected void doStart() {
        running = true;
        for (int i = 0; i < lanes.size(); i++) {
            BlockingQueue<Pending> lane = lanes.get(i);
            Thread worker = threads.newThread(() -> work(lane));
            worker.setName("telemetry-batcher-" + i);
            workers.add(worker);
            worker.start();
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.interrupt();
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }
        workers.clear();
        // left unacknowledged: the broker delivers them again to the next session
        for (BlockingQueue<Pending> lane : lanes) {
            List<Pending> left = new ArrayList<>();
            lane.drainTo(left);
            left.forEach(p -> fail(p, new IllegalStateException("telemetry ingress stopping")));
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        IncomingTelemetry message;
        try {
            message = reader.read(exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (message == null) {
            callback.done(true);
            return true;
        }
        BlockingQueue<Pending> lane = lanes.get(Math.floorMod(message.deviceId().hashCode(), lanes.size()));
        try {
            lane.put(new Pending(message, exchange, callback)); // blocks when full: back-pressure on the consumer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CompletableFuture<Exchange> done = processAsync(exchange);
        done.get();
    }

    @Override
    public CompletableFuture<Exchange> processAsync(Exchange exchange) {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        process(exchange, sync -> done.complete(exchange));
        return done;
    }

    private void work(BlockingQueue<Pending> lane) {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = lane.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                lane.drainTo(batch, maxBatch - 1);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> fail(p, e));
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<Pending> batch) throws InterruptedException {
        if (tryStore(batch) || tryStore(batch)) {
            return;
        }
        if (batch.size() > 1) {
            for (Pending p : batch) {
                store(List.of(p));
            }
            return;
        }
        // One message the database will not take: keep it as rejected, unless the database is down.
        Pending p = batch.get(0);
        long backOff = 500;
        while (running) {
            try {
                ingest.keepUnstorable(p.message(), "could not be stored: " + rootCause(lastFailure));
                complete(p, TelemetryIngest.Outcome.REJECTED);
                return;
            } catch (RuntimeException e) {
                if (!databaseDown) {
                    LOG.log(Level.WARNING, "telemetry database unavailable; holding messages until it returns", e);
                    databaseDown = true;
                }
                Thread.sleep(backOff);
                backOff = Math.min(backOff * 2, 30_000);
                if (tryStore(batch)) {
                    return;
                }
            }
        }
        fail(p, new IllegalStateException("telemetry ingress stopping"));
    }

    private volatile Throwable lastFailure;

    private boolean tryStore(List<Pending> batch) {
        List<IncomingTelemetry> messages = new ArrayList<>(batch.size());
        batch.forEach(p -> messages.add(p.message()));
        List<TelemetryIngest.Outcome> outcomes;
        try {
            outcomes = ingest.ingestAll(messages);
        } catch (RuntimeException e) {
            lastFailure = e;
            LOG.log(Level.FINE, "telemetry batch of " + batch.size() + " failed", e);
            return false;
        }
        if (databaseDown) {
            LOG.info("telemetry database available again");
            databaseDown = false;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), outcomes.get(i));
        }
        return true;
    }

    private static void complete(Pending p, TelemetryIngest.Outcome outcome) {
        p.exchange().getMessage().setHeader(OUTCOME, outcome);
        p.callback().done(false);
    }

    private static void fail(Pending p, Exception e) {
        p.exchange().setException(e);
        p.callback().done(false);
    }

    private static String rootCause(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String text = t.getClass().getSimpleName() + ": " + t.getMessage();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
