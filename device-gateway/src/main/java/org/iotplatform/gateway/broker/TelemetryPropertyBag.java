package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.iotplatform.protocol.PropertyBag;
import org.iotplatform.protocol.TelemetryTopic;

/**
 * Moves the property bag of a telemetry topic ({@code devices/<id>/messages/events/$.mid=...&...})
 * into an MQTT 5 user property named {@value PropertyBag#USER_PROPERTY}, leaving the topic
 * {@code devices/<id>/messages/events/}. Devices put a fresh message id in every topic, and Artemis
 * makes (and persists, and later deletes) an address for every distinct topic: measured, that churn
 * cut the gateway's throughput to a third. The back end reads the bag from the user property.
 *
 * <p>Runs before authorisation, which then checks the shortened topic: the device id part is never changed.
 */
public class TelemetryPropertyBag implements MQTTInterceptor {

    private static final Logger LOG = Logger.getLogger(TelemetryPropertyBag.class.getName());

    @Override
    public boolean intercept(MqttMessage packet, RemotingConnection connection) {
        if (!PacketRewrite.available() || packet.fixedHeader().messageType() != MqttMessageType.PUBLISH) {
            return true;
        }
        MqttPublishMessage publish = (MqttPublishMessage) packet;
        MqttPublishVariableHeader header = publish.variableHeader();
        String topic = header.topicName();
        int bagStart = TelemetryTopic.bagOffset(topic);
        if (bagStart < 0 || bagStart == topic.length()) {
            return true; // no bag, or not a telemetry topic: as sent
        }
        try {
            PacketRewrite.topic(publish, topic.substring(0, bagStart), topic.substring(bagStart));
        } catch (IllegalAccessException e) {
            LOG.log(Level.WARNING, "cannot move the property bag out of " + topic, e);
        }
        return true; // never false: that would drop the connection
    }
}
