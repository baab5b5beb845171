package org.iotplatform.integration.egress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.integration.PlatformRoutes;
import org.iotplatform.routing.EndpointType;
import org.iotplatform.routing.OutboundTargets;
import org.iotplatform.routing.OutboxEntry;
import org.iotplatform.routing.TelemetryRouting;

/**
 * Delivers what operator routes matched, from the routing outbox: HTTP POST of the JSON to a webhook
 * (a non-2xx answer is a failure), a message to an AMQP address on the gateway's broker, or one JSON
 * file per message in a directory. Each outcome is reported back to the outbox, which is this route's
 * dead letter: a failure is recorded on the entry and retried by the outbox with back-off (not here),
 * counted on the route, and nothing matched is lost while an endpoint is down.
 */
@ApplicationScoped
public class RoutingDeliveryRoute extends PlatformRoutes {

    static final String POLL = "telemetry-routing";
    static final String DELIVER = "direct:route-delivery";
    /** Exchange properties, not headers: headers would travel to the webhook and the AMQP message. */
    static final String ENTRY = "IotOutboxEntry";

    static final String TARGET = "IotRouteTarget";
    private static final Logger LOG = Logger.getLogger(RoutingDeliveryRoute.class.getName());
    private static final int BATCH = 100;

    @Inject
    TelemetryRouting routing;

    @Inject
    OutboundTargets targets;

    @Inject
    @ConfigProperty(name = "iot.routing.poll-millis", defaultValue = "500")
    long pollMillis;

    @Inject
    @ConfigProperty(name = "iot.routing.http-timeout-millis", defaultValue = "10000")
    int httpTimeoutMillis;

    @Inject
    GatewayLink link;

    long startDelayMillis = 5000; // let the application finish starting first

    private ProducerTemplate producer;

    @Override
    protected void routes() {
        if (link.password().isPresent()) {
            getContext()
                    .addComponent(
                            "amqp-routing",
                            new AMQPComponent(new JmsConnectionFactory(
                                    link.user(), link.password().get(), link.amqpUrl())));
        }
        fromTimer(POLL, startDelayMillis, pollMillis).process(exchange -> deliverDue());

        from(DELIVER)
                .routeId("route-delivery")
                .onException(Exception.class)
                .handled(true)
                .maximumRedeliveries(0) // the outbox retries, with back-off
                .process(this::failed)
                .end()
                .choice()
                .when(exchange -> entry(exchange).type() == EndpointType.HTTP)
                .process(this::webhook)
                .to("http://routing-webhook?httpMethod=POST&throwExceptionOnFailure=true&connectTimeout="
                        + httpTimeoutMillis + "&responseTimeout=" + httpTimeoutMillis)
                .when(exchange -> entry(exchange).type() == EndpointType.AMQP)
                .process(this::amqp)
                .toD("amqp-routing:queue:${exchangeProperty." + TARGET + "}")
                .otherwise()
                .process(this::file)
                .toD("file:${exchangeProperty." + TARGET + "}")
                .end()
                .process(exchange -> routing.delivered(entry(exchange)));
    }

    private void deliverDue() {
        if (producer == null) {
            producer = getContext().createProducerTemplate();
        }
        List<OutboxEntry> due;
        do {
            due = routing.claimDue(BATCH);
            for (OutboxEntry entry : due) {
                producer.send(DELIVER, exchange -> {
                    exchange.getMessage().setBody(entry.body());
                    exchange.setProperty(ENTRY, entry);
                });
            }
        } while (due.size() == BATCH);
    }

    private static OutboxEntry entry(Exchange exchange) {
        return exchange.getProperty(ENTRY, OutboxEntry.class);
    }

    /** The webhook, once its host (as it resolves now) is one routes may reach. */
    private void webhook(Exchange exchange) {
        OutboxEntry entry = entry(exchange);
        targets.checkDelivery(entry.target());
        exchange.getMessage().setHeader(Exchange.HTTP_URI, entry.target());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("X-Iot-Route", entry.ruleName());
        exchange.getMessage().setHeader("X-Iot-Device", entry.deviceId());
    }

    private void amqp(Exchange exchange) {
        if (getContext().hasComponent("amqp-routing") == null) {
            throw new IllegalStateException("no AMQP connection: iot.ingress.mqtt.password is not set");
        }
        exchange.setProperty(TARGET, entry(exchange).target());
    }

    private void file(Exchange exchange) {
        OutboxEntry entry = entry(exchange);
        exchange.setProperty(TARGET, targets.fileDirectory(entry.target()).toString());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName(entry));
    }

    private void failed(Exchange exchange) {
        OutboxEntry entry = entry(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.log(Level.FINE, "route " + entry.ruleName() + " failed for " + entry.deviceId(), failure);
        routing.failed(entry, reasonOf(failure));
    }

    static String fileName(OutboxEntry entry) {
        return (entry.ruleName() + "-" + entry.deviceId() + "-" + entry.messageId())
                        .replaceAll("[^A-Za-z0-9_.\\-]", "_")
                + ".json";
    }
}
