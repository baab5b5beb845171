package org.iotplatform.gateway.broker;

import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerSessionPlugin;

import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts AMQP telemetry where MQTT telemetry is, so the back end reads one stream: for each AMQP device,
 * a divert moves {@code /devices/<id>/messages/events} to the core address of MQTT topic
 * {@code devices/<id>/messages/events/} (a back end subscribed to {@code devices/+/messages/events/#}
 * sees it with that topic, with an empty property bag).
 */
public class AmqpTelemetryRoute implements ActiveMQServerSessionPlugin {

   private static final Logger LOG = Logger.getLogger(AmqpTelemetryRoute.class.getName());

   private final ActiveMQServer server;
   private final Set<String> deployed = new HashSet<>();

   public AmqpTelemetryRoute(ActiveMQServer server) {
      this.server = server;
   }

   @Override
   public void afterCreateSession(ServerSession session) {
      if (DeviceSecurityManager.protocolOf(session.getRemotingConnection()).filter(p -> p == org.iotplatform.gateway.platform.Protocol.AMQP).isEmpty()) {
         return;
      }
      DeviceIdentity.of(session.getRemotingConnection().getSubject()).ifPresent(device -> ensure(device.deviceId()));
   }

   synchronized void ensure(String deviceId) {
      String name = "amqp-telemetry:" + deviceId;
      if (deployed.contains(name)) {
         return;
      }
      String from = TopicPolicy.amqpTelemetry(deviceId);
      // Trailing empty word: the topic is devices/<id>/messages/events/ like an MQTT device's without property bag.
      String to = TopicPolicy.mqttTelemetry(deviceId) + ".";
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
    * MQTT subscribers would otherwise see as the topic.
    */
   private static Message asCoreMessageTo(Message message, String address) {
      ICoreMessage core = message.toCore();
      core.setAddress(address);
      return core;
   }

   private void ensureAddress(String address) throws Exception {
      SimpleString name = SimpleString.of(address);
      if (server.getAddressInfo(name) == null) {
         server.addAddressInfo(new AddressInfo(name, RoutingType.MULTICAST));
      }
   }
}
