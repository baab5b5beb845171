package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Devices' publishes are never retained, as on IoT Hub: a retained telemetry message would sit in
 * the broker and be handed to every later subscriber as if new. The flag is cleared; on a telemetry
 * topic it becomes the application property {@code mqtt-retain=true} (IoT Hub's name), so the
 * platform still sees that the device asked. Runs before {@link TelemetryPropertyBag}.
 */
public final class DeviceRetainFlag implements MQTTInterceptor {

   static final String PROPERTY = "mqtt-retain=true";
   private static final Logger LOG = Logger.getLogger(DeviceRetainFlag.class.getName());

   @Override
   public boolean intercept(MqttMessage packet, RemotingConnection connection) {
      if (packet.fixedHeader().messageType() != MqttMessageType.PUBLISH || !packet.fixedHeader().isRetain()
            || DeviceIdentity.of(connection.getSubject()).isEmpty() || !PacketRewrite.available()) {
         return true;
      }
      MqttPublishMessage publish = (MqttPublishMessage) packet;
      try {
         MqttFixedHeader h = publish.fixedHeader();
         PacketRewrite.fixedHeader(publish, new MqttFixedHeader(h.messageType(), h.isDup(), h.qosLevel(), false, h.remainingLength()));
         String topic = publish.variableHeader().topicName();
         if (topic != null && topic.startsWith("devices/") && topic.contains("/messages/events/")) {
            String withProperty = topic.endsWith("/") ? topic + PROPERTY : topic + "&" + PROPERTY;
            PacketRewrite.topic(publish, withProperty, null);
         }
      } catch (IllegalAccessException | RuntimeException e) {
         // a retained copy must not be kept: refuse the publish rather than let it through retained
         LOG.log(Level.SEVERE, "cannot clear the retain flag of a publish; dropping the connection", e);
         return false;
      }
      return true;
   }
}
