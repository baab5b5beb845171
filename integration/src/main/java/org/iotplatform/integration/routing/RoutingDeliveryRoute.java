package org.iotplatform.integration.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.routing.OutboundTargets;
import org.iotplatform.routing.OutboxEntry;
import org.iotplatform.routing.TelemetryRouting;

/**
 * Delivers what operator routes matched, from the routing outbox: HTTP POST of the JSON to a webhook
 * (a non-2xx answer is a failure), a message to an AMQP address on the gateway's broker, or one JSON
 * file per message in a directory. Each outcome is reported back, so failures are retried with
 * back-off and counted on the route, and nothing matched is lost while an endpoint is down.
 */
@ApplicationScoped
public class RoutingDeliveryRoute extends RouteBuilder {

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

    private ProducerTemplate producer;

    @Override
    public void configure() {
        if (link.password().isPresent()) {
            getContext()
                    .addComponent(
                            "amqp-routing",
                            new AMQPComponent(new JmsConnectionFactory(
                                    link.user(), link.password().get(), link.amqpUrl())));
        }
        from("timer:telemetry-routing?delay=5000&period=" + pollMillis)
                .routeId("telemetry-routing")
                .process(exchange -> deliverDue());
    }

    private void deliverDue() {
        if (producer == null) {
            producer = getContext().createProducerTemplate();
        }
        List<OutboxEntry> due;
        do {
            due = routing.claimDue(BATCH);
            for (OutboxEntry entry : due) {
                try {
                    send(entry);
                    routing.delivered(entry);
                } catch (Exception e) {
                    String reason = rootMessage(e);
                    LOG.log(Level.FINE, "route " + entry.ruleName() + " failed for " + entry.deviceId(), e);
                    routing.failed(entry, reason);
                }
            }
        } while (due.size() == BATCH);
    }

    private void send(OutboxEntry entry) throws Exception {
        Exchange result = switch (entry.type()) {
            case HTTP ->
                producer.send(
                        checkedWebhook(entry.target()) + "?httpMethod=POST&throwExceptionOnFailure=true"
                                + "&connectTimeout=" + httpTimeoutMillis + "&responseTimeout=" + httpTimeoutMillis,
                        e -> {
                            e.getMessage().setBody(entry.body());
                            e.getMessage().setHeader(Exchange.HTTP_URI, entry.target());
                            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                            e.getMessage().setHeader("X-Iot-Route", entry.ruleName());
                            e.getMessage().setHeader("X-Iot-Device", entry.deviceId());
                        });
            case AMQP -> {
                if (getContext().hasComponent("amqp-routing") == null) {
                    throw new IllegalStateException("no AMQP connection: iot.ingress.mqtt.password is not set");
                }
                yield producer.send(
                        "amqp-routing:queue:" + entry.target(),
                        e -> e.getMessage().setBody(entry.body()));
            }
            case FILE ->
                producer.send("file:" + targets.fileDirectory(entry.target()), e -> {
                    e.getMessage().setBody(entry.body());
                    e.getMessage().setHeader(Exchange.FILE_NAME, fileName(entry));
                });
        };
        if (result.getException() != null) {
            throw result.getException();
        }
    }

    /** The endpoint for a webhook, once its host (as it resolves now) is one routes may reach. */
    private String checkedWebhook(String url) {
        targets.checkDelivery(url);
        return "http://routing-webhook";
    }

    static String fileName(OutboxEntry entry) {
        return (entry.ruleName() + "-" + entry.deviceId() + "-" + entry.messageId())
                        .replaceAll("[^A-Za-z0-9_.\\-]", "_")
                + ".json";
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
