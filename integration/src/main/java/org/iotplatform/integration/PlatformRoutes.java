package org.iotplatform.integration;

import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.camel.Endpoint;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.registry.InvalidDeviceException;

/**
 * Every route of the platform extends this: what happens when a step fails is declared here, once,
 * for three kinds of route.
 *
 * <ul>
 *   <li>{@link #fromBroker}: consumers that acknowledge to the broker only after the message is
 *       stored (telemetry). A failed exchange stays unacknowledged and the broker delivers it again;
 *       nothing is retried or dead-lettered here, which would acknowledge it.
 *   <li>{@link #fromTimer}: scheduled work; a failed run is logged and the next run tries again.
 *   <li>{@link #fromServices}: synchronous routes that application services send through (commands to
 *       devices). The failure goes back to the caller, which records it with the command.
 *   <li>{@link #from(Endpoint)} and {@link #from(String)}, the rest (devices' requests: method
 *       answers, twin reads and reports): retried in place with exponential back-off
 *       ({@code iot.integration.redeliveries}, from {@code iot.integration.redelivery-delay}), then
 *       handed to the {@linkplain DeadLetterRoute dead letter}, which keeps the message with its reason
 *       among the device's rejected messages. Input the domain refuses never succeeds on a retry: it
 *       goes there at once.
 * </ul>
 */
public abstract class PlatformRoutes extends RouteBuilder {

    /** Where exchanges go when retrying did not help; see {@link DeadLetterRoute}. */
    public static final String DEAD_LETTER = "direct:dead-letter";

    @Inject
    @ConfigProperty(name = "iot.integration.redeliveries", defaultValue = "4")
    int redeliveries = 4;

    @Inject
    @ConfigProperty(name = "iot.integration.redelivery-delay", defaultValue = "PT0.2S")
    Duration redeliveryDelay = Duration.ofMillis(200);

    @Override
    public void configure() throws Exception { // not final: CDI proxies the application-scoped subclasses
        errorHandler(deadLetterChannel(DEAD_LETTER)
                .useOriginalMessage()
                .maximumRedeliveries(redeliveries)
                .redeliveryDelay(redeliveryDelay.toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(30_000)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false)); // the dead letter logs it, with the reason
        onException(InvalidDeviceException.class, IllegalArgumentException.class)
                .maximumRedeliveries(0);
        routes();
    }

    /** A failure as operators read it: the root cause's type and message, at most 500 characters. */
    public static String reasonOf(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** The routes, declared without error handling of their own. */
    protected abstract void routes() throws Exception;

    /** A consumer whose failed exchanges the broker delivers again (manual acknowledgement). */
    protected RouteDefinition fromBroker(Endpoint endpoint) {
        return from(endpoint).errorHandler(noErrorHandler());
    }

    /**
     * A timer's route, named {@code name}: a failed run is logged and the next one tries again (what it
     * works on stays where it was, e.g. in an outbox).
     */
    protected RouteDefinition fromTimer(String name, long delayMillis, long periodMillis) {
        return from("timer:" + name + "?delay=" + delayMillis + "&period=" + periodMillis)
                .routeId(name)
                .errorHandler(defaultErrorHandler().maximumRedeliveries(0));
    }

    /** A synchronous route services send through: failures are the caller's to record. */
    protected RouteDefinition fromServices(String uri) {
        return from(uri).errorHandler(noErrorHandler());
    }
}
