package org.iotplatform.integration.ingress;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.telemetry.IncomingTelemetry;
import org.iotplatform.telemetry.TelemetryIngest;

/**
 * MQTT telemetry from the gateways into {@link TelemetryIngest}. It reads as the back end's service
 * identity on an MQTT 5 shared subscription, so several platform instances split the stream, with a
 * persistent session so messages wait in the broker while the platform is down. Paho acknowledges a
 * message when the route returns, that is after the telemetry transaction committed: at least once.
 */
@ApplicationScoped
public class MqttTelemetryRoute extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(MqttTelemetryRoute.class.getName());
    static final String SUBSCRIPTION = "$share/iot-platform/devices/+/messages/events/#";

    @Inject
    TelemetryIngest ingest;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.url", defaultValue = "tcp://localhost:1883")
    String brokerUrl;

    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.user", defaultValue = "iot-backend")
    String user;

    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.client-id")
    Optional<String> clientId;

    @Override
    public void configure() throws Exception {
        if (password.filter(p -> !p.isBlank()).isEmpty()) {
            LOG.warning("iot.ingress.mqtt.password is not set: no MQTT telemetry ingress");
            return;
        }
        PahoMqtt5Component component = getContext().getComponent("paho-mqtt5", PahoMqtt5Component.class);
        // Built in code: '+', '#' and '$' of the subscription do not survive an endpoint URI.
        PahoMqtt5Configuration config = component.getConfiguration().copy();
        config.setBrokerUrl(brokerUrl);
        config.setUserName(user);
        config.setPassword(password.get());
        config.setClientId(clientId.orElseGet(MqttTelemetryRoute::defaultClientId));
        config.setQos(1);
        config.setCleanStart(false);
        config.setSessionExpiryInterval(24 * 3600);
        config.setAutomaticReconnect(true);
        config.setKeepAliveInterval(30);
        PahoMqtt5Endpoint endpoint = new PahoMqtt5Endpoint("paho-mqtt5:telemetry", SUBSCRIPTION, component, config);

        from(endpoint)
                .routeId("telemetry-mqtt-ingress")
                .process(this::ingest);
    }

    private void ingest(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        Optional<TelemetryTopic> parsed = TelemetryTopic.parse(topic);
        if (parsed.isEmpty()) {
            // the gateway only lets devices publish their own telemetry topics; anything else is a bug
            LOG.warning(() -> "not a telemetry topic, ignored: " + topic);
            return;
        }
        TelemetryTopic t = parsed.get();
        exchange.getMessage().setHeader("telemetryOutcome",
                ingest.ingest(new IncomingTelemetry(t.deviceId(), t.messageId(), payload, clock.instant(), topic)));
    }

    private static String defaultClientId() {
        try {
            return "iot-platform-" + InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "iot-platform";
        }
    }
}
