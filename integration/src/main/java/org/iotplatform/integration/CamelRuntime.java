package org.iotplatform.integration;

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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Owns the application's one Camel context: created, given every {@link RoutesBuilder} bean of
 * the application, started with the application and closed with it.
 *
 * <p>Start and stop run on a container-managed thread rather than the deployment thread: Netty
 * thread-locals left on Payara's admin thread otherwise pin the old EAR class loader on redeploy.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CamelRuntime {

    private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

    /** What the health check and the dashboard show of Camel. */
    public record Status(String context, List<RouteStatus> routes) {
        public boolean started() {
            return "Started".equals(context);
        }
    }

    public record RouteStatus(String id, String status) {}

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @Any
    Instance<RoutesBuilder> routes;

    private volatile CamelContext camel;

    @PostConstruct
    void start() {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("iot-platform");
        // A route whose far end is down (the gateway not started yet) is retried in the background
        // instead of failing the deployment.
        var supervisor = context.getRouteController().supervising();
        supervisor.setBackOffDelay(5000);
        supervisor.setBackOffMaxAttempts(0);
        supervisor.setInitialDelay(1000);
        runOnManagedThread("start", () -> {
            for (RoutesBuilder builder : routes) {
                context.addRoutes(builder);
            }
            context.start();
            return null;
        });
        camel = context;
        LOG.info(() -> "Camel " + context.getVersion() + " started with "
                + context.getRoutes().size() + " routes");
    }

    @PreDestroy
    void stop() {
        CamelContext context = camel;
        camel = null;
        if (context != null) {
            runOnManagedThread("stop", () -> {
                context.close(); // gateway endpoints close their Paho clients as they stop
                return null;
            });
        }
    }

    /** The running context, for routes and services that send through Camel. */
    public CamelContext context() {
        CamelContext context = camel;
        if (context == null) {
            throw new IllegalStateException("Camel is not running");
        }
        return context;
    }

    public Status status() {
        CamelContext context = camel;
        if (context == null) {
            return new Status("Stopped", List.of());
        }
        List<RouteStatus> routeStatus = context.getRoutes().stream()
                .map(r -> new RouteStatus(
                        r.getRouteId(),
                        String.valueOf(context.getRouteController().getRouteStatus(r.getRouteId()))))
                .toList();
        return new Status(context.getStatus().name(), routeStatus);
    }

    private interface Step {
        Void run() throws Exception;
    }

    private void runOnManagedThread(String what, Step step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        threads.newThread(() -> {
                    try {
                        done.complete(step.run());
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                })
                .start();
        try {
            done.get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during Camel " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.SEVERE, "Camel " + what + " failed", e);
            throw new IllegalStateException("Camel " + what + " failed: " + e.getMessage(), e);
        }
    }
}
