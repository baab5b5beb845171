package org.iotplatform.integration;

import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Producer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 endpoint to the gateway whose clients are closed for good whenever their consumer or
 * producer stops. Camel disconnects a Paho client on stop only if it is connected at that moment and
 * then forgets it; one that is reconnecting (the gateway is away) keeps running. Such a client,
 * left behind by a route restart or an undeployed application, reconnects under the same client id
 * and takes the connection from its successor again and again (seen: telemetry not stored for a
 * minute after a gateway restart; commands failing with "Client is not connected" after a redeploy).
 */
public class GatewayEndpoint extends PahoMqtt5Endpoint {

    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class.getName());

    public GatewayEndpoint(
            String uri, String topic, PahoMqtt5Component component, PahoMqtt5Configuration configuration) {
        super(uri, topic, component, configuration);
    }

    @Override
    public Producer createProducer() {
        return new ClosingProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = new ClosingConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Also subscribes again after a reconnect off Paho's callback thread. Camel does it on that thread,
     * which then waits for the SUBACK; the broker may send queued messages first, Paho's receiver
     * blocks once the callback queue is full, and the SUBACK is never read: after a gateway restart
     * ingress stood still until the keep-alive timed out (a minute).
     */
    private static final class ClosingConsumer extends PahoMqtt5Consumer {

        private ExecutorService resubscriber;

        ClosingConsumer(GatewayEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void doStart() throws Exception {
            try {
                super.doStart();
            } catch (Exception e) {
                // a start that failed half way (gateway away) must not leave a client for the next attempt
                release(getClient());
                setClient(null);
                throw e;
            }
            resubscriber = getEndpoint()
                    .getCamelContext()
                    .getExecutorServiceManager()
                    .newSingleThreadExecutor(
                            this,
                            "resubscribe " + getEndpoint().getConfiguration().getClientId());
            MqttClient client = getClient();
            client.setCallback(new MqttCallback() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    if (reconnect) {
                        resubscriber.execute(() -> resubscribe(client));
                    }
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    Exchange exchange = createExchange(message, topic);
                    getAsyncProcessor().process(exchange, defaultConsumerCallback(exchange, true));
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                    LOG.fine(() -> client.getClientId() + " lost the gateway: " + response.getReasonString());
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                    LOG.log(Level.FINE, client.getClientId() + ": MQTT error", exception);
                }

                @Override
                public void deliveryComplete(IMqttToken token) {}

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
        }

        private void resubscribe(MqttClient client) {
            try {
                client.subscribe(
                        getEndpoint().getTopic(),
                        getEndpoint().getConfiguration().getQos());
                LOG.info(() -> client.getClientId() + " reconnected and subscribed again");
            } catch (MqttException e) {
                // the connection went again: the next reconnect subscribes; the flow watch is the back-stop
                LOG.log(Level.WARNING, client.getClientId() + " could not subscribe again after reconnecting", e);
            }
        }

        @Override
        protected void doStop() throws Exception {
            MqttClient client = getClient();
            try {
                super.doStop();
            } finally {
                release(client);
                if (resubscriber != null) {
                    getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(resubscriber);
                    resubscriber = null;
                }
            }
        }
    }

    private static final class ClosingProducer extends PahoMqtt5Producer {

        ClosingProducer(GatewayEndpoint endpoint) {
            super(endpoint);
        }

        @Override
        protected void doStart() throws Exception {
            try {
                super.doStart();
            } catch (Exception e) {
                release(getClient());
                setClient(null);
                throw e;
            }
        }

        @Override
        protected void doStop() throws Exception {
            MqttClient client = getClient();
            try {
                super.doStop();
            } finally {
                release(client);
            }
        }
    }

    /** Stops a client's reconnecting and frees it; one closed already is left alone. */
    static void release(MqttClient client) {
        if (client == null) {
            return;
        }
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
