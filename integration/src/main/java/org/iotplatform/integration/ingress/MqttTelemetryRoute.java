package org.iotplatform.integration.ingress;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.iotplatform.integration.GatewayEndpoint;
import org.iotplatform.integration.GatewayPropertyBag;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.telemetry.TelemetryIngest;

/**
 * MQTT telemetry from the gateways into {@link TelemetryIngest}. It reads as the back end's service
 * identity on an MQTT 5 shared subscription, so several platform instances (and several consumers in
 * one) split the stream, with persistent sessions so messages wait in the broker while the platform
 * is down. Acknowledgements are manual: the {@link TelemetryBatcher} completes a message only after
 * its batch committed, so the broker redelivers whatever a crash interrupted (at least once, and
 * de-duplicated by message id when stored).
 */
@ApplicationScoped
public class MqttTelemetryRoute extends TelemetryIngressRoute {

    static final String SUBSCRIPTION = BackendTopics.TELEMETRY_SUBSCRIPTION;

    @Override
    protected void routes() throws Exception {
        if (!enabled("mqtt")) {
            return;
        }
        int consumers = link.mqttConsumers();
        TelemetryBatcher batcher = batcher(Math.max(link.mqttInFlight(), link.maxBatch()) * consumers);
        PahoMqtt5Component component = getContext().getComponent("paho-mqtt5", PahoMqtt5Component.class);
        for (int i = 1; i <= consumers; i++) {
            // Built in code: '+', '#' and '$' of the subscription do not survive an endpoint URI.
            PahoMqtt5Configuration config = link.mqttConnection(component, "-" + i);
            config.setCleanStart(false);
            config.setSessionExpiryInterval(24 * 3600);
            config.setManualAcksEnabled(true);
            config.setReceiveMaximum(link.mqttInFlight());
            PahoMqtt5Endpoint endpoint =
                    new GatewayEndpoint("paho-mqtt5:telemetry-" + i, SUBSCRIPTION, component, config);

            fromBroker(endpoint).routeId("telemetry-mqtt-ingress-" + i).process(batcher);
        }
    }

    @Override
    String topicWithPropertyBag(Exchange exchange) {
        return exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class)
                + GatewayPropertyBag.encoded(exchange.getMessage()
                        .getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class));
    }
}
