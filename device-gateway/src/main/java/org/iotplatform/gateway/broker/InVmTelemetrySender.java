package org.iotplatform.gateway.broker;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTUtil;
import org.iotplatform.protocol.CoreAddresses;
import org.iotplatform.protocol.PropertyBag;

/**
 * Puts telemetry into the broker on a device's behalf, where the device's own MQTT publish would land:
 * the core address of topic {@code devices/<id>/messages/events/}, the property bag in the user property
 * the back end reads ({@link TelemetryPropertyBag}). For adapters running inside the gateway (HTTP):
 * the back end cannot tell their devices from MQTT ones. {@link #send} returns once the message is in
 * the broker's journal, so an adapter may acknowledge its device then.
 */
public final class InVmTelemetrySender implements AutoCloseable {

    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final String user;
    private final String password;
    private final BlockingQueue<Channel> idle;

    private record Channel(ClientSession session, ClientProducer producer) {}

    /** @param channels sessions kept open for concurrent senders (a producer serves one thread at a time) */
    public InVmTelemetrySender(String inVmUrl, String user, String password, int channels) throws Exception {
        this.locator = ActiveMQClient.createServerLocator(inVmUrl)
                .setBlockOnDurableSend(true)
                .setReconnectAttempts(0);
        this.factory = locator.createSessionFactory();
        this.user = user;
        this.password = password;
        this.idle = new ArrayBlockingQueue<>(channels);
    }

    public void send(String deviceId, byte[] payload, String propertyBag) throws ActiveMQException {
        Channel channel = idle.poll();
        if (channel == null) {
            channel = open();
        }
        try {
            ClientMessage message = channel.session().createMessage(Message.BYTES_TYPE, true);
            message.getBodyBuffer().writeBytes(payload);
            message.putIntProperty(MQTTUtil.MQTT_QOS_LEVEL_KEY, 1);
            if (!propertyBag.isEmpty()) {
                message.putIntProperty(MQTTUtil.MQTT_USER_PROPERTY_EXISTS_KEY, 1);
                message.putStringProperty(
                        MQTTUtil.MQTT_USER_PROPERTY_KEY_PREFIX + "0." + PropertyBag.USER_PROPERTY, propertyBag);
            }
            // Trailing empty word: topic devices/<id>/messages/events/ like an MQTT device's, bag moved out.
            channel.producer().send(CoreAddresses.telemetry(deviceId) + ".", message);
        } catch (ActiveMQException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        if (!idle.offer(channel)) {
            closeQuietly(channel);
        }
    }

    private Channel open() throws ActiveMQException {
        ClientSession session = factory.createSession(user, password, false, true, true, false, 0);
        return new Channel(session, session.createProducer());
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.session().close();
        } catch (ActiveMQException e) {
            // the session is being thrown away
        }
    }

    @Override
    public void close() {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            closeQuietly(channel);
        }
        factory.close();
        locator.close();
    }
}
