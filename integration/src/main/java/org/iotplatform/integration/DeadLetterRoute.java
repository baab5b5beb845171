package org.iotplatform.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.IncomingTelemetry;
import org.iotplatform.telemetry.TelemetryIngest;

/**
 * The dead letter of {@link PlatformRoutes}: a device's message that failed after its retries is kept
 * with the reason among the device's rejected messages ({@code GET /api/v1/devices/{id}/rejected}, the
 * device view), so an operator sees it. One whose device is unknown is logged.
 */
@ApplicationScoped
public class DeadLetterRoute extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(DeadLetterRoute.class.getName());

    @Inject
    TelemetryIngest ingest;

    Clock clock = Clock.systemUTC();

    private final AtomicLong deadLetters = new AtomicLong();

    @Override
    public void configure() {
        from(PlatformRoutes.DEAD_LETTER)
                .routeId("dead-letter")
                .errorHandler(noErrorHandler())
                .process(this::keep);
    }

    /** Messages dead-lettered since start. */
    public long count() {
        return deadLetters.get();
    }

    void keep(Exchange exchange) {
        deadLetters.incrementAndGet();
        String route = exchange.getFromRouteId();
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        String reason = "route " + route + " failed: "
                + PlatformRoutes.reasonOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        Optional<DeviceId> device = DeviceTopics.deviceIdOf(topic).flatMap(DeviceId::parse);
        if (device.isEmpty()) {
            LOG.severe(() -> "dead letter (no device to keep it under), " + reason + "; topic " + topic);
            return;
        }
        LOG.warning(() -> "dead letter of device " + device.get().value() + " kept: " + reason);
        ingest.keepUnstorable(
                new IncomingTelemetry(
                        device.get(),
                        Optional.empty(),
                        exchange.getMessage().getBody(byte[].class),
                        clock.instant(),
                        topic),
                reason);
    }
}
