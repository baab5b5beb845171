package org.iotplatform.gateway.testing;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real MQTT clients against a {@link RunningGateway}: devices and the back-end service identity. */
public final class Clients {

   private Clients() {
   }

   public static String mqttUsername(String deviceId) {
      return RunningGateway.HUB + "/" + deviceId + "/?api-version=2021-04-12";
   }

   /** An MQTT 3.1.1 device over TLS, trusting the generated CA. */
   public static MqttClient v3DeviceTls(RunningGateway gw, String deviceId, String token) throws Exception {
      MqttClient client = new MqttClient("ssl://localhost:" + gw.mqttsPort, deviceId, new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      options.setUserName(mqttUsername(deviceId));
      options.setPassword(token.toCharArray());
      options.setSocketFactory(gw.trustingCa().getSocketFactory());
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(10);
      client.connect(options);
      return client;
   }

   /** An MQTT 3.1.1 device on the plain port with any client id. */
   public static MqttClient v3Device(RunningGateway gw, String clientId, String username, String token) throws Exception {
      MqttClient client = new MqttClient("tcp://127.0.0.1:" + gw.mqttPort, clientId, new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      options.setUserName(username);
      options.setPassword(token.toCharArray());
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(10);
      client.connect(options);
      return client;
   }

   /** An MQTT 5 device on the plain port. */
   public static V5Client v5Device(RunningGateway gw, String deviceId, String token) throws Exception {
      V5Client client = new V5Client("tcp://127.0.0.1:" + gw.mqttPort, deviceId);
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setUserName(mqttUsername(deviceId));
      options.setPassword(token.getBytes(StandardCharsets.UTF_8));
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(10);
      client.connect(options);
      return client;
   }

   /** Paho's MQTT 5 client, exposing the PUBACK reason code that the synchronous publish hides. */
   public static final class V5Client extends org.eclipse.paho.mqttv5.client.MqttClient {
      V5Client(String uri, String clientId) throws org.eclipse.paho.mqttv5.common.MqttException {
         super(uri, clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
      }

      public org.eclipse.paho.mqttv5.client.IMqttToken publishWithToken(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message)
            throws org.eclipse.paho.mqttv5.common.MqttException {
         return aClient.publish(topic, message);
      }
   }

   /** What the back end received: topic (with the property bag the gateway moved into a user property) and payload. */
   public record Received(String topic, String payload) {
      static Received of(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
         String bag = message.getProperties() == null ? "" : message.getProperties().getUserProperties().stream()
               .filter(p -> p.getKey().equals(org.iotplatform.gateway.broker.TelemetryPropertyBag.USER_PROPERTY))
               .map(org.eclipse.paho.mqttv5.common.packet.UserProperty::getValue).findFirst().orElse("");
         return new Received(topic + bag, new String(message.getPayload(), StandardCharsets.UTF_8));
      }
   }

   /** The back end (service identity) subscribed over MQTT 5 to {@code topicFilter}. */
   public static final class Backend implements AutoCloseable {
      public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
      private final org.eclipse.paho.mqttv5.client.MqttClient client;

      public Backend(RunningGateway gw, String topicFilter) throws Exception {
         client = new org.eclipse.paho.mqttv5.client.MqttClient("tcp://127.0.0.1:" + gw.mqttPort,
               "backend-" + System.nanoTime(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
         MqttConnectionOptions options = new MqttConnectionOptions();
         options.setUserName(RunningGateway.BACKEND_USER);
         options.setPassword(RunningGateway.BACKEND_PASSWORD.getBytes(StandardCharsets.UTF_8));
         options.setCleanStart(true);
         // Messages whose topic does not match the filter (Paho's per-subscription dispatch) still count.
         client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) { }
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) { }
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
               received.add(Received.of(topic, message));
            }
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) { }
            public void connectComplete(boolean reconnect, String serverURI) { }
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) { }
         });
         client.connect(options);
         client.subscribe(new MqttSubscription[] {new MqttSubscription(topicFilter, 1)},
               new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) ->
                     received.add(Received.of(topic, message))});
      }

      /** The back end's MQTT client, to publish as the back end (cloud-to-device messages). */
      public org.eclipse.paho.mqttv5.client.MqttClient client() {
         return client;
      }

      public Received next(Duration within) throws InterruptedException {
         return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
      }

      /**
       * Everything that arrives before a message whose payload is {@code marker} (published after
       * whatever must not arrive, so anything that did would be here), waiting up to {@code within}.
       */
      public List<Received> before(String marker, Duration within) throws InterruptedException {
         List<Received> all = new java.util.ArrayList<>();
         Instant end = Instant.now().plus(within);
         while (Instant.now().isBefore(end)) {
            Received r = received.poll(50, TimeUnit.MILLISECONDS);
            if (r != null && r.payload().equals(marker)) {
               return all;
            }
            if (r != null) {
               all.add(r);
            }
         }
         throw new AssertionError("the marker '" + marker + "' did not arrive within " + within + "; got " + all);
      }

      /** Everything that arrives within {@code quiet}. */
      public List<Received> drain(Duration quiet) throws InterruptedException {
         List<Received> all = new java.util.ArrayList<>();
         Instant end = Instant.now().plus(quiet);
         while (Instant.now().isBefore(end)) {
            Received r = received.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
               all.add(r);
            }
         }
         return all;
      }

      @Override
      public void close() throws Exception {
         if (client.isConnected()) {
            client.disconnect();
         }
         client.close();
      }
   }

   public static Instant inOneHour() {
      return Instant.now().plus(Duration.ofHours(1));
   }
}
