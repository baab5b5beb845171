package org.iotplatform.integration;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Producer;
import org.eclipse.paho.mqttv5.client.MqttClient;

/**
 * A Paho MQTT 5 endpoint to the gateway whose clients are closed for good when the application stops.
 * Camel disconnects a Paho client on stop only if it is connected at that moment; one that is
 * reconnecting (the gateway is away) is left running, keeps reconnecting from an undeployed
 * application and, under the same client id, takes the connection from the next deployment's client
 * (seen: commands failing with "Client is not connected" after a redeploy).
 */
public class GatewayEndpoint extends PahoMqtt5Endpoint {

    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class.getName());

    /** This deployment's endpoints (a class loader per deployment); endpoint objects in routes need not be in Camel's registry. */
    private static final List<GatewayEndpoint> ALL = new CopyOnWriteArrayList<>();

    private final List<Object> users = new CopyOnWriteArrayList<>();

    public GatewayEndpoint(
            String uri, String topic, PahoMqtt5Component component, PahoMqtt5Configuration configuration) {
        super(uri, topic, component, configuration);
        ALL.add(this);
    }

    @Override
    public Producer createProducer() throws Exception {
        Producer producer = super.createProducer();
        users.add(producer);
        return producer;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = super.createConsumer(processor);
        users.add(consumer);
        return consumer;
    }

    /** The Paho clients of every gateway endpoint of {@code context}, to close after the context (see {@link #closeAll}). */
    public static List<MqttClient> clientsOf(CamelContext context) {
        List<MqttClient> clients = new ArrayList<>();
        ALL.stream()
                .filter(e -> e.getCamelContext() == context)
                .forEach(e -> e.users.forEach(user -> {
                    MqttClient client = clientOf(user);
                    if (client != null) {
                        clients.add(client);
                    }
                }));
        ALL.removeIf(e -> e.getCamelContext() == context);
        return clients;
    }

    /** Stops reconnecting and frees each client; ones Camel closed already are skipped. */
    public static void closeAll(List<MqttClient> clients) {
        for (MqttClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(1000);
                }
            } catch (Exception e) {
                LOG.log(Level.FINE, "disconnecting " + client.getClientId(), e);
            }
            try {
                client.close(true);
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing " + client.getClientId(), e);
            }
        }
    }

    private static MqttClient clientOf(Object user) {
        if (user instanceof PahoMqtt5Consumer consumer) {
            return consumer.getClient();
        }
        if (user instanceof PahoMqtt5Producer) {
            try {
                // the producer does not expose its client
                Field field = PahoMqtt5Producer.class.getDeclaredField("client");
                field.setAccessible(true);
                return (MqttClient) field.get(user);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot reach a Paho producer's client to close it", e);
            }
        }
        return null;
    }
}
