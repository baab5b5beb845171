package org.iotplatform.gateway.simulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;

/**
 * One simulated device as real firmware would be: its own identity and SAS token, Paho MQTT 3.1.1,
 * a persistent session, QoS 1 telemetry with a message id each, and an on-disk outbox (Paho's file
 * persistence plus its disconnected buffer) so a broken link loses nothing: what is published while
 * offline is sent, in order, once the link is back. Connects and reconnects with back-off and jitter.
 * Commands are logged as they arrive until the commanding issue gives them handlers.
 */
final class SimulatedDevice implements MqttCallbackExtended {

   private static final Logger LOG = Logger.getLogger(SimulatedDevice.class.getName());
   private static final ObjectMapper JSON = new ObjectMapper();
   private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

   private final String deviceId;
   private final byte[] key;
   private final String hub;
   private final DeviceModel model;
   private final Duration interval;
   private final Clock clock;
   private final Random jitter;
   private final MqttAsyncClient client;
   private final MqttConnectOptions options = new MqttConnectOptions();
   private volatile long published;
   private ScheduledFuture<?> readings;

   SimulatedDevice(String deviceId, byte[] key, String hub, String brokerUrl, Path outbox, DeviceModel model,
                   Duration interval, Clock clock, long seed) throws MqttException {
      this.deviceId = deviceId;
      this.key = key;
      this.hub = hub;
      this.model = model;
      this.interval = interval;
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

   /**
    * Connects in the background (the first connection with jittered back-off; Paho reconnects by itself
    * after that), then reports every interval, buffering on disk whenever the link is down.
    */
   void start(ScheduledExecutorService scheduler) {
      scheduler.execute(() -> connect(scheduler, 1000));
      scheduler.scheduleAtFixedRate(this::renewToken, 1, 1, TimeUnit.HOURS);
   }

   private void connect(ScheduledExecutorService scheduler, long backOffMillis) {
      try {
         client.connect(options).waitForCompletion(30_000);
         LOG.info(() -> deviceId + " connected");
         // Once: the persistent session keeps the subscription. (Subscribing again in connectComplete
         // while Paho drains its disconnected buffer breaks the connection: a Paho 1.2.5 bug.)
         client.subscribe("devices/" + deviceId + "/messages/devicebound/#", 1);
         long first = (long) (jitter.nextDouble() * interval.toMillis());
         readings = scheduler.scheduleAtFixedRate(this::report, first, interval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (MqttException e) {
         long next = Math.min(60_000, backOffMillis * 2);
         long delay = backOffMillis / 2 + (long) (jitter.nextDouble() * backOffMillis);
         LOG.warning(() -> deviceId + " cannot connect (" + e.getMessage() + "); again in " + delay + " ms");
         scheduler.schedule(() -> connect(scheduler, next), delay, TimeUnit.MILLISECONDS);
      }
   }

   /** Paho reuses these options when it reconnects by itself: keep the token fresh in them. */
   private void renewToken() {
      try {
         long expiry = clock.instant().plus(TOKEN_LIFETIME).getEpochSecond();
         options.setPassword(DeviceToken.sas(hub, deviceId, key, expiry).toCharArray());
      } catch (Exception e) {
         LOG.log(Level.WARNING, deviceId + ": cannot make a SAS token", e);
      }
   }

   private void report() {
      try {
         Map<String, Object> payload = new LinkedHashMap<>();
         payload.put("ts", clock.instant().toString());
         payload.putAll(model.step(interval.toMillis() / 1000.0));
         MqttMessage message = new MqttMessage(JSON.writeValueAsBytes(payload));
         message.setQos(1);
         // published while offline goes to the on-disk buffer and out, in order, after reconnecting
         client.publish("devices/" + deviceId + "/messages/events/%24.mid=" + UUID.randomUUID()
               + "&%24.ct=application%2Fjson", message);
         published++;
      } catch (MqttException e) {
         LOG.warning(() -> deviceId + ": reading not queued: " + e.getMessage());
      } catch (Exception e) {
         LOG.log(Level.WARNING, deviceId + ": reading failed", e);
      }
   }

   long published() {
      return published;
   }

   boolean connected() {
      return client.isConnected();
   }

   void stop() {
      if (readings != null) {
         readings.cancel(false);
      }
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
      // direct methods and the twin ($iothub/...) follow with the commanding issue
      if (reconnect) {
         LOG.info(() -> deviceId + " reconnected; sending what was buffered");
      }
   }

   @Override
   public void connectionLost(Throwable cause) {
      LOG.log(Level.WARNING, deviceId + " lost its connection (" + describe(cause) + "); buffering readings", cause);
   }

   private static String describe(Throwable cause) {
      String text = cause.getMessage();
      if (cause instanceof MqttException m) {
         text += " reason " + m.getReasonCode();
      }
      return cause.getCause() != null ? text + ": " + cause.getCause() : text;
   }

   @Override
   public void messageArrived(String topic, MqttMessage message) {
      LOG.info(() -> deviceId + " received on " + topic + ": " + new String(message.getPayload(), StandardCharsets.UTF_8));
   }

   @Override
   public void deliveryComplete(IMqttDeliveryToken token) {
      // acknowledged by the gateway; Paho removes it from the outbox
   }
}
