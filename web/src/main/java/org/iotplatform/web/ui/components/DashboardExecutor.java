package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's managed threads for the dashboard: slow reads run off the request thread (the view
 * shows "loading" instead of freezing), and timed UI refreshes. Results always go back through
 * {@code ui.access}, the only safe way to touch a UI from another thread.
 */
@ApplicationScoped
public class DashboardExecutor {

    private static final Logger LOG = Logger.getLogger(DashboardExecutor.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

    @Resource(lookup = "java:comp/DefaultContextService")
    ContextService context;

    /**
     * Runs {@code work} in the background and hands its result (or failure) to {@code ui}. Nothing
     * is delivered when the UI has gone meanwhile.
     */
    public <T> void load(UI ui, Callable<T> work, Consumer<T> onResult, Consumer<Exception> onFailure) {
        try {
            executor.submit(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    access(ui, () -> onFailure.accept(e));
                    return;
                }
                access(ui, () -> onResult.accept(result));
            });
        } catch (RejectedExecutionException e) {
            onFailure.accept(e);
        }
    }

    /**
     * {@code task} bound to the calling thread's context (class loader, naming, security), for work
     * that is later scheduled from threads outside the web module, such as the telemetry ingest.
     */
    public Runnable contextual(Runnable task) {
        try {
            return context.createContextualProxy(task, Runnable.class);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, "no contextual proxy; running with the scheduling thread's context", e);
            return task;
        }
    }

    /** Runs {@code task} after {@code delay} on a managed thread (not in the UI: use {@link #access}). */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code command} in {@code ui} every {@code period} until the returned future is cancelled. */
    public ScheduledFuture<?> every(UI ui, Duration period, Runnable command) {
        long ms = period.toMillis();
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = executor.scheduleAtFixedRate(
                () -> {
                    if (!access(ui, command) && self[0] != null) {
                        self[0].cancel(false);
                    }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
        return self[0];
    }

    /**
     * Runs {@code refresh} when {@code component} is attached and then every {@code period} until it is
     * detached: a view's figures kept current for as long as someone looks at them.
     */
    public void refreshWhileAttached(Component component, Duration period, Consumer<UI> refresh) {
        component.addAttachListener(attach -> {
            UI ui = attach.getUI();
            refresh.accept(ui);
            ScheduledFuture<?> ticker = every(ui, period, () -> refresh.accept(ui));
            Registration[] detach = new Registration[1];
            detach[0] = component.addDetachListener(gone -> {
                ticker.cancel(false);
                detach[0].remove();
            });
        });
    }

    /** {@code ui.access}, or false when the UI is gone (closed tab, expired session). */
    public static boolean access(UI ui, Runnable command) {
        try {
            ui.access(command::run);
            return true;
        } catch (UIDetachedException e) {
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard update failed", e);
            return false;
        }
    }
}
