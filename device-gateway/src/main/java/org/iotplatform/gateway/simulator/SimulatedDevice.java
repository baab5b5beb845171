package org.iotplatform.gateway.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.iotplatform.gateway.device.DeviceLink;

/**
 * One simulated device: a {@link DeviceModel} reporting every interval over its own {@link DeviceLink}
 * (identity, persistent session, on-disk outbox), readings starting once it first connects and going
 * on, buffered, whenever the link is down. Commands go to the model.
 */
final class SimulatedDevice {

   private static final Logger LOG = Logger.getLogger(SimulatedDevice.class.getName());

   private final DeviceModel model;
   private final Duration interval;
   private final Clock clock;
   private final Random jitter;
   private final DeviceLink link;
   private ScheduledFuture<?> readings;

   SimulatedDevice(String deviceId, byte[] key, String hub, String brokerUrl, Path outbox, DeviceModel model,
                   Duration interval, Clock clock, long seed) throws MqttException {
      this.model = model;
      this.interval = interval;
      this.clock = clock;
      this.jitter = new Random(seed);
      this.link = new DeviceLink(deviceId, key, hub, brokerUrl, outbox, clock, seed);
      link.onCommand(model::command);
   }

   void start(ScheduledExecutorService scheduler) {
      link.start(scheduler, () -> {
         long first = (long) (jitter.nextDouble() * interval.toMillis());
         readings = scheduler.scheduleAtFixedRate(this::report, first, interval.toMillis(), TimeUnit.MILLISECONDS);
      });
   }

   private void report() {
      try {
         Map<String, Object> payload = new LinkedHashMap<>();
         payload.put("ts", clock.instant().toString());
         payload.putAll(model.step(interval.toMillis() / 1000.0));
         link.sendTelemetry(payload);
      } catch (Exception e) {
         LOG.log(Level.WARNING, link.deviceId() + ": reading not queued", e);
      }
   }

   long published() {
      return link.sent();
   }

   boolean connected() {
      return link.connected();
   }

   void stop() {
      if (readings != null) {
         readings.cancel(false);
      }
      link.stop();
   }
}
