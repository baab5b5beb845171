package org.iotplatform.gateway.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A device's link to the gateway as real firmware keeps it: its own identity and SAS token (renewed
 * before expiry), Paho MQTT 3.1.1 with a persistent session, QoS 1 telemetry with a message id each,
 * and an on-disk outbox (Paho's file persistence plus its disconnected buffer) so a broken link loses
 * nothing: what is sent while offline goes out, in order, once the link is back. Connects with
 * back-off and jitter. Cloud-to-device messages that carry a {@code command} property go to the
 * {@link CommandHandler}.
 */
public final class DeviceLink implements MqttCallbackExtended {

   private static final Logger LOG = Logger.getLogger(DeviceLink.class.getName());
   private static final ObjectMapper JSON = new ObjectMapper();
   private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

   private final String deviceId;
   private final byte[] key;
   private final String hub;
   private final Clock clock;
   private final Random jitter;
   private final MqttAsyncClient client;
   private final MqttConnectOptions options = new MqttConnectOptions();
   private final AtomicLong sent = new AtomicLong();
   private volatile CommandHandler commands = command -> CommandHandler.Result.error(501, "no command handler");

   /**
    * @param outbox directory of the on-disk outbox (may be shared by many devices: Paho keeps one folder per client id)
    */
   public DeviceLink(String deviceId, byte[] key, String hub, String brokerUrl, Path outbox, Clock clock, long seed)
         throws MqttException {
      this.deviceId = deviceId;
      this.key = key.clone();
      this.hub = hub;
      this.clock = clock;
      this.jitter = new Random(seed);
      this.client = new MqttAsyncClient(brokerUrl, deviceId, new MqttDefaultFilePersistence(outbox.toString()));
      DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
      buffer.setBufferEnabled(true);
      buffer.setPersistBuffer(true);
      buffer.setBufferSize(100_000);
      buffer.setDeleteOldestMessages(false);
      client.setBufferOpts(buffer);
      client.setCallback(this);
      options.setCleanSession(false);
      options.setAutomaticReconnect(true);
      options.setMaxReconnectDelay(60_000);
      options.setKeepAliveInterval(60);
      options.setMaxInflight(100);
      options.setUserName(hub + "/" + deviceId + "/?api-version=2021-04-12");
      renewToken();
   }

   public String deviceId() {
      return deviceId;
   }

   public void onCommand(CommandHandler handler) {
      this.commands = handler;
   }

   /**
    * Connects in the background (the first connection with jittered back-off; Paho reconnects by
    * itself after that) and runs {@code connected} once the first connection stands.
    */
   public void start(ScheduledExecutorService scheduler, Runnable connected) {
      scheduler.execute(() -> connect(scheduler, 1000, connected));
      scheduler.scheduleAtFixedRate(this::renewToken, 1, 1, TimeUnit.HOURS);
   }

   private void connect(ScheduledExecutorService scheduler, long backOffMillis, Runnable connected) {
      try {
         client.connect(options).waitForCompletion(30_000);
         LOG.info(() -> deviceId + " connected");
         // Once: the persistent session keeps the subscription. (Subscribing again in connectComplete
         // while Paho drains its disconnected buffer breaks the connection: a Paho 1.2.5 bug.)
         client.subscribe("devices/" + deviceId + "/messages/devicebound/#", 1);
         connected.run();
      } catch (MqttException e) {
         long next = Math.min(60_000, backOffMillis * 2);
         long delay = backOffMillis / 2 + (long) (jitter.nextDouble() * backOffMillis);
         LOG.warning(() -> deviceId + " cannot connect (" + e.getMessage() + "); again in " + delay + " ms");
         scheduler.schedule(() -> connect(scheduler, next, connected), delay, TimeUnit.MILLISECONDS);
      }
   }

   /** Paho reuses these options when it reconnects by itself: keep the token fresh in them. */
   private void renewToken() {
      long expiry = clock.instant().plus(TOKEN_LIFETIME).getEpochSecond();
      options.setPassword(DeviceToken.sas(hub, deviceId, key, expiry).toCharArray());
   }

   /**
    * Queues one telemetry message (QoS 1, a fresh message id); while offline it waits in the outbox.
    * @return the message id
    */
   public String sendTelemetry(Map<String, ?> values) throws MqttException, IOException {
      String messageId = UUID.randomUUID().toString();
      MqttMessage message = new MqttMessage(JSON.writeValueAsBytes(values));
      message.setQos(1);
      client.publish("devices/" + deviceId + "/messages/events/%24.mid=" + messageId + "&%24.ct=application%2Fjson", message);
      sent.incrementAndGet();
      return messageId;
   }

   /** Telemetry messages queued so far (sent or waiting in the outbox). */
   public long sent() {
      return sent.get();
   }

   public boolean connected() {
      return client.isConnected();
   }

   public void stop() {
      try {
         if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
         }
         client.close();
      } catch (MqttException e) {
         LOG.fine(() -> deviceId + ": " + e.getMessage());
      }
   }

   @Override
   public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
         LOG.info(() -> deviceId + " reconnected; sending what was buffered");
      }
   }

   @Override
   public void connectionLost(Throwable cause) {
      LOG.log(Level.WARNING, deviceId + " lost its connection (" + describe(cause) + "); buffering", cause);
   }

   @Override
   public void messageArrived(String topic, MqttMessage message) {
      Map<String, String> properties = propertyBag(topic);
      String name = properties.get("command");
      String text = new String(message.getPayload(), StandardCharsets.UTF_8);
      if (name == null) {
         LOG.info(() -> deviceId + " received a message on " + topic + ": " + text);
         return;
      }
      CommandHandler.Result result;
      try {
         JsonNode payload = text.isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(text);
         result = commands.handle(new Command(name, payload));
      } catch (IOException e) {
         result = CommandHandler.Result.error(400, "payload is not JSON");
      } catch (RuntimeException e) {
         LOG.log(Level.WARNING, deviceId + ": command " + name + " failed", e);
         result = CommandHandler.Result.error(500, String.valueOf(e.getMessage()));
      }
      CommandHandler.Result done = result;
      LOG.info(() -> deviceId + " command " + name + " " + text + " -> " + done.status() + " " + done.payload());
   }

   /** The properties of a devicebound topic: {@code devices/<id>/messages/devicebound/<url-encoded bag>}. */
   static Map<String, String> propertyBag(String topic) {
      Map<String, String> properties = new LinkedHashMap<>();
      String marker = "/messages/devicebound/";
      int at = topic.indexOf(marker);
      if (at < 0 || at + marker.length() >= topic.length()) {
         return properties;
      }
      for (String pair : topic.substring(at + marker.length()).split("&")) {
         int eq = pair.indexOf('=');
         if (eq > 0) {
            properties.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                  URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
         }
      }
      return properties;
   }

   private static String describe(Throwable cause) {
      String text = cause.getMessage();
      if (cause instanceof MqttException m) {
         text += " reason " + m.getReasonCode();
      }
      return cause.getCause() != null ? text + ": " + cause.getCause() : text;
   }

   @Override
   public void deliveryComplete(IMqttDeliveryToken token) {
      // acknowledged by the gateway; Paho removes it from the outbox
   }
}
