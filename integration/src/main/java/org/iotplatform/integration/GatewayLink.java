package org.iotplatform.integration;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
