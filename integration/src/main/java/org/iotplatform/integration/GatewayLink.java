package org.iotplatform.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the back end reaches the device gateway: the one place for its addresses, its service
 * identity, and how it reads and writes device traffic. The routes in {@code ingress} and
 * {@code routing} take their settings from here.
 */
@ApplicationScoped
public class GatewayLink {

    /** {@code mqtt} or {@code amqp}: which of the two ingress routes reads the telemetry stream. */
    @Inject
    @ConfigProperty(name = "iot.ingress.transport", defaultValue = "mqtt")
    String transport;

    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.url", defaultValue = "tcp://localhost:1883")
    String mqttUrl;

    @Inject
    @ConfigProperty(name = "iot.ingress.amqp.url", defaultValue = "amqp://localhost:5672")
    String amqpUrl;

    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.user", defaultValue = "iot-backend")
    String user;

    /** The service identity's password, for both protocols; without it nothing connects. */
    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.client-id")
    Optional<String> mqttClientId;

    /** MQTT connections of this instance on the shared subscription. */
    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.consumers", defaultValue = "2")
    int mqttConsumers;

    /** Unacknowledged messages the broker may send each MQTT connection (MQTT 5 receive maximum). */
    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.in-flight", defaultValue = "5000")
    int mqttInFlight;

    @Inject
    @ConfigProperty(name = "iot.ingress.amqp.consumers", defaultValue = "32")
    int amqpConsumers;

    /** Telemetry writers, one transaction at a time each. */
    @Inject
    @ConfigProperty(name = "iot.ingress.batch.lanes", defaultValue = "2")
    int lanes;

    @Inject
    @ConfigProperty(name = "iot.ingress.batch.max-messages", defaultValue = "1000")
    int maxBatch;

    /**
     * Longest wait between attempts to reconnect to the gateway. Paho doubles its wait up to 128 s by
     * default: after a gateway restart commands could not go out for two minutes.
     */
    @Inject
    @ConfigProperty(name = "iot.ingress.mqtt.max-reconnect-delay-ms", defaultValue = "5000")
    int maxReconnectDelayMs;

    /**
     * One MQTT connection of this instance to the gateway ({@code <client id stem><suffix>}), QoS 1,
     * reconnecting by itself; callers add what their route needs (sessions, acknowledgements).
     */
    public PahoMqtt5Configuration mqttConnection(PahoMqtt5Component component, String clientIdSuffix) {
        PahoMqtt5Configuration config = component.getConfiguration().copy();
        config.setBrokerUrl(mqttUrl);
        config.setUserName(user);
        config.setPassword(password().orElseThrow());
        config.setClientId(mqttClientId() + clientIdSuffix);
        config.setQos(1);
        config.setCleanStart(true);
        config.setAutomaticReconnect(true);
        config.setMaxReconnectDelay(maxReconnectDelayMs);
        config.setKeepAliveInterval(30);
        return config;
    }

    public boolean reads(String protocol) {
        return protocol.equalsIgnoreCase(transport.trim());
    }

    public Optional<String> password() {
        return password.filter(p -> !p.isBlank());
    }

    public String user() {
        return user;
    }

    public String mqttUrl() {
        return mqttUrl;
    }

    public String amqpUrl() {
        return amqpUrl;
    }

    /** This instance's MQTT client id stem: {@code iot.ingress.mqtt.client-id}, or from the host name. */
    public String mqttClientId() {
        return mqttClientId.orElseGet(() -> {
            try {
                return "iot-platform-" + java.net.InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "iot-platform";
            }
        });
    }

    public int mqttConsumers() {
        return mqttConsumers;
    }

    public int mqttInFlight() {
        return mqttInFlight;
    }

    public int amqpConsumers() {
        return amqpConsumers;
    }

    public int lanes() {
        return lanes;
    }

    public int maxBatch() {
        return maxBatch;
    }
}
