package org.iotplatform.gateway.broker;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTUtil;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerSessionPlugin;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.iotplatform.protocol.CoreAddresses;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.PropertyBag;

/**
 * Puts AMQP telemetry where MQTT telemetry is, so the back end reads one stream: for each AMQP device,
 * a divert moves {@code /devices/<id>/messages/events} to the core address of MQTT topic
 * {@code devices/<id>/messages/events/} (a back end subscribed to {@code devices/+/messages/events/#}
 * sees it with that topic, with an empty property bag).
 */
public class AmqpTelemetryRoute implements ActiveMQServerSessionPlugin {

    private static final Logger LOG = Logger.getLogger(AmqpTelemetryRoute.class.getName());
    private static final SimpleString MQTT_PROPERTIES = SimpleString.of("mqtt.");

    private final ActiveMQServer server;
    private final Set<String> deployed = new HashSet<>();

    public AmqpTelemetryRoute(ActiveMQServer server) {
        this.server = server;
    }

    @Override
    public void afterCreateSession(ServerSession session) {
        if (DeviceSecurityManager.protocolOf(session.getRemotingConnection())
                .filter(p -> p == org.iotplatform.protocol.gateway.DeviceProtocol.AMQP)
                .isEmpty()) {
            return;
        }
        DeviceIdentity.of(session.getRemotingConnection().getSubject()).ifPresent(device -> ensure(device.deviceId()));
    }

    synchronized void ensure(String deviceId) {
        String name = "amqp-telemetry:" + deviceId;
        if (deployed.contains(name)) {
            return;
        }
        String from = DeviceTopics.amqpTelemetry(deviceId);
        // Trailing empty word: the topic is devices/<id>/messages/events/ like an MQTT device's without property bag.
        String to = CoreAddresses.telemetry(deviceId) + ".";
        try {
            if (server.getPostOffice().getBinding(SimpleString.of(name)) != null) {
                // Restored from the journal without its transformer (those are not persisted): make it anew.
                server.destroyDivert(SimpleString.of(name));
            }
            ensureAddress(from);
            ensureAddress(to);
            server.getServiceRegistry().addDivertTransformer(name, message -> asCoreMessageTo(message, to));
            server.deployDivert(new DivertConfiguration()
                    .setName(name)
                    .setAddress(from)
                    .setForwardingAddress(to)
                    .setExclusive(true)
                    .setRoutingType(ComponentConfigurationRoutingType.MULTICAST));
            deployed.add(name);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot route AMQP telemetry of device " + deviceId, e);
        }
    }

    /**
     * Converted to a core message: an AMQP message keeps its {@code to} field (the AMQP address), which
     * MQTT subscribers would otherwise see as the topic. The AMQP message id, content type and
     * application properties become the property bag MQTT devices put in their topic, in the same
     * user property the back end reads it from ({@link TelemetryPropertyBag}), so both kinds of device
     * are de-duplicated and read alike.
     */
    private static Message asCoreMessageTo(Message message, String address) {
        String bag = message instanceof AMQPMessage amqp ? propertyBag(amqp) : "";
        ICoreMessage core = message.toCore();
        core.setAddress(address);
        // The device's application properties are message properties now. Named like the MQTT protocol's
        // own (mqtt.content.type, mqtt.ordered.user.property.<n>.<name>), they became MQTT 5 properties of
        // what the back end gets: a NUL there broke its client, a user-property index out of range the
        // delivery. They are in the property bag (URL-encoded) like every application property.
        for (SimpleString name : Set.copyOf(core.getPropertyNames())) {
            if (name.startsWith(MQTT_PROPERTIES)) {
                core.removeProperty(name);
            }
        }
        if (!bag.isEmpty()) {
            core.putIntProperty(MQTTUtil.MQTT_USER_PROPERTY_EXISTS_KEY, 1);
            core.putStringProperty(MQTTUtil.MQTT_USER_PROPERTY_KEY_PREFIX + "0." + PropertyBag.USER_PROPERTY, bag);
        }
        return core;
    }

    static String propertyBag(AMQPMessage message) {
        Map<String, String> bag = new LinkedHashMap<>();
        Properties properties = message.getProperties();
        if (properties != null && properties.getMessageId() != null) {
            bag.put(PropertyBag.MESSAGE_ID, String.valueOf(properties.getMessageId()));
        }
        if (properties != null && properties.getContentType() != null) {
            bag.put(PropertyBag.CONTENT_TYPE, properties.getContentType().toString());
        }
        ApplicationProperties application = message.getApplicationProperties();
        if (application != null && application.getValue() != null) {
            application.getValue().forEach((k, v) -> bag.put(String.valueOf(k), String.valueOf(v)));
        }
        return PropertyBag.of(bag).format();
    }

    private void ensureAddress(String address) throws Exception {
        SimpleString name = SimpleString.of(address);
        if (server.getAddressInfo(name) == null) {
            server.addAddressInfo(new AddressInfo(name, RoutingType.MULTICAST));
        }
    }
}
