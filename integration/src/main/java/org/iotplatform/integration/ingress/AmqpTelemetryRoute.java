package org.iotplatform.integration.ingress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import org.apache.camel.Exchange;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.component.jms.JmsConfiguration;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.iotplatform.integration.GatewayPropertyBag;
import org.iotplatform.protocol.CoreAddresses;
import org.iotplatform.telemetry.TelemetryIngest;

/**
 * AMQP 1.0 telemetry from the gateways into {@link TelemetryIngest}, the alternative to
 * {@link MqttTelemetryRoute} ({@code iot.ingress.transport=amqp}): competing consumers on one shared
 * durable subscription to every device's telemetry address, so platform instances split the stream
 * and messages wait in the broker while none is running. Each consumer acknowledges (client
 * acknowledgement) only after the {@link TelemetryBatcher} committed its message.
 */
@ApplicationScoped
public class AmqpTelemetryRoute extends TelemetryIngressRoute {

    /** All devices' telemetry addresses (Artemis wildcards: '*' one word, '#' any). */
    static final String ADDRESS = CoreAddresses.ALL_TELEMETRY;

    @Override
    protected void routes() throws Exception {
        if (!enabled("amqp")) {
            return;
        }
        // property names like mqtt.ordered.user.property.0.x are not Java identifiers: read them anyway
        String url = link.amqpUrl();
        JmsConnectionFactory factory = new JmsConnectionFactory(
                link.user(),
                link.password().get(),
                url + (url.contains("?") ? "&" : "?") + "jms.validatePropertyNames=false");
        AMQPComponent amqp = new AMQPComponent(factory);
        getContext().addComponent("amqp-ingress", amqp);
        int consumers = link.amqpConsumers();
        TelemetryBatcher batcher = batcher(Math.max(link.maxBatch(), consumers) * 2);

        // Built in code: the '#' of the address would be read as a URI fragment.
        JmsEndpoint endpoint = (JmsEndpoint) amqp.createEndpoint("amqp-ingress:topic:telemetry");
        endpoint.setDestinationName(ADDRESS);
        JmsConfiguration config = endpoint.getConfiguration();
        config.setSubscriptionDurable(true);
        config.setSubscriptionShared(true);
        config.setSubscriptionName("iot-platform");
        config.setConcurrentConsumers(consumers);
        config.setMaxConcurrentConsumers(consumers);
        config.setAcknowledgementModeName("CLIENT_ACKNOWLEDGE");
        config.setCacheLevelName("CACHE_CONSUMER");

        fromBroker(endpoint).routeId("telemetry-amqp-ingress").process(batcher);
    }

    @Override
    String topicWithPropertyBag(Exchange exchange) {
        return topicOf(destination(exchange))
                + GatewayPropertyBag.encoded(exchange.getMessage().getHeaders());
    }

    /** Where the message was published: the device's telemetry address (not the wildcard subscribed to). */
    private static Destination destination(Exchange exchange) {
        JmsMessage message = exchange.getMessage(JmsMessage.class);
        try {
            return message == null || message.getJmsMessage() == null
                    ? null
                    : message.getJmsMessage().getJMSDestination();
        } catch (JMSException e) {
            return null;
        }
    }

    /** The MQTT topic form of the core address a message was published to. */
    static String topicOf(Destination destination) {
        try {
            return CoreAddresses.toTopic(
                    destination instanceof Topic topic ? topic.getTopicName() : String.valueOf(destination));
        } catch (JMSException e) {
            return "";
        }
    }
}
