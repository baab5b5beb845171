package org.iotplatform.infrastructure.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads command work runs on: answers handed back to callers, sends after a commit, deliveries
 * when a device comes online. Payara's default managed executor has a core size of 0 and an unbounded
 * queue, which makes it run one task at a time (measured: direct methods queued for seconds at
 * 100/s), so the application keeps a pool of its own, made of container threads
 * ({@link ManagedThreadFactory}: they may call EJBs).
 *
 * <p>A CDI bean, not an EJB: it is called from transaction-completion observers, where an EJB call
 * fails ("Invalid transaction passed to resume()"). All threads are started at deployment, on a
 * container thread, and never die (tasks' failures are caught), so none is ever made on a foreign
 * thread such as Paho's. When the queue is full the caller runs the task itself rather than lose it.
 */
@ApplicationScoped
public class CommandThreads implements Executor {

    private static final Logger LOG = Logger.getLogger(CommandThreads.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "iot.commands.threads", defaultValue = "8")
    int size;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(
                size,
                size,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(20_000),
                threads,
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.prestartAllCoreThreads();
    }

    /** Made at deployment rather than on first use, which may be on a thread that cannot make container threads. */
    void deployed(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.fine(() -> "command threads: " + pool.getPoolSize());
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "command task failed", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
