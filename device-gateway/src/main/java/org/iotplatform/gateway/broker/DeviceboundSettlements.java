package org.iotplatform.gateway.broker;

import java.util.Optional;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTUtil;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.iotplatform.gateway.platform.ConnectionEventReporter;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.protocol.gateway.DeviceProtocol;

/**
 * Tells the platform what became of its cloud-to-device messages: when a device acknowledges one (MQTT
 * PUBACK, AMQP accepted) it is delivered; when an AMQP device rejects it, rejected. The platform marks
 * its messages by the MQTT 5 user property {@value BackendTopics#DELIVERY_MARK}; expiry is the platform's own business.
 */
public class DeviceboundSettlements implements ActiveMQServerMessagePlugin {

    private final ActiveMQServer server;
    private final ConnectionEventReporter events;

    public DeviceboundSettlements(ActiveMQServer server, ConnectionEventReporter events) {
        this.server = server;
        this.events = events;
    }

    @Override
    public void messageAcknowledged(Transaction tx, MessageReference ref, AckReason reason, ServerConsumer consumer) {
        if (consumer == null || (reason != AckReason.NORMAL && reason != AckReason.KILLED)) {
            return;
        }
        ServerSession session = server.getSessionByID(consumer.getSessionID());
        RemotingConnection connection = session == null ? null : session.getRemotingConnection();
        Optional<DeviceIdentity> device =
                connection == null ? Optional.empty() : DeviceIdentity.of(connection.getSubject());
        if (device.isEmpty()) {
            return;
        }
        Message message = ref.getMessage();
        String messageId = messageId(message);
        if (messageId == null) {
            return; // not from the platform's C2D service
        }
        DeviceProtocol protocol = DeviceSecurityManager.protocolOf(connection).orElse(DeviceProtocol.MQTT);
        // KILLED: an AMQP device rejected it (or it was refused too often); NORMAL: the device took it
        events.messageSettled(device.get().deviceId(), messageId, reason == AckReason.NORMAL, protocol);
    }

    /** The platform's message id among the MQTT 5 user properties ({@code mqtt.ordered.user.property.<n>.<name>}). */
    static String messageId(Message message) {
        for (SimpleString name : message.getPropertyNames()) {
            String key = name.toString();
            if (key.startsWith(MQTTUtil.MQTT_USER_PROPERTY_KEY_PREFIX)
                    && key.endsWith("." + BackendTopics.DELIVERY_MARK)) {
                Object value = message.getObjectProperty(name);
                return value == null ? null : value.toString();
            }
        }
        return null;
    }
}
