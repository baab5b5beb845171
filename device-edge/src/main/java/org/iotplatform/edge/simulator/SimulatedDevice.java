package org.iotplatform.edge.simulator;

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
import org.iotplatform.edge.link.DeviceLink;

/**
 * One simulated device: a {@link DeviceModel} reporting every interval over its own {@link DeviceLink}
 * (identity, persistent session, on-disk outbox), readings starting once it first connects and going
 * on, buffered, whenever the link is down. Commands go to the model.
 */
final class SimulatedDevice {

    private static final Logger LOG = Logger.getLogger(SimulatedDevice.class.getName());

    private final DeviceModel model;
    private volatile Duration interval;
    private ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Random jitter;
    private final DeviceLink link;
    private ScheduledFuture<?> readings;

    SimulatedDevice(
            String deviceId,
            byte[] key,
            String hub,
            String brokerUrl,
            Path outbox,
            DeviceModel model,
            Duration interval,
            Clock clock,
            long seed)
            throws MqttException {
        this.model = model;
        this.interval = interval;
        this.clock = clock;
        this.jitter = new Random(seed);
        this.link = new DeviceLink(deviceId, key, hub, brokerUrl, outbox, clock, seed);
        link.onCommand(model::command);
        link.onDesired(this::desired);
    }

    void start(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        link.start(scheduler, () -> {
            schedule((long) (jitter.nextDouble() * interval.toMillis()));
            reportProperties();
        });
    }

    private synchronized void schedule(long firstMillis) {
        if (readings != null) {
            readings.cancel(false);
        }
        readings = scheduler.scheduleAtFixedRate(this::report, firstMillis, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The desired {@code reportingIntervalSeconds} (1-3600) changes how often it reports; the twin's reported side says so. */
    private void desired(com.fasterxml.jackson.databind.JsonNode desired) {
        com.fasterxml.jackson.databind.JsonNode seconds = desired.path("reportingIntervalSeconds");
        if (seconds.isNumber()
                && seconds.asInt() >= 1
                && seconds.asInt() <= 3600
                && seconds.asInt() != interval.toSeconds()) {
            interval = Duration.ofSeconds(seconds.asInt());
            LOG.info(() -> link.deviceId() + " now reports every " + interval.toSeconds() + " s");
            if (scheduler != null && readings != null) {
                schedule(interval.toMillis());
            }
            reportProperties();
        }
    }

    private void reportProperties() {
        try {
            Map<String, Object> reported = new LinkedHashMap<>();
            reported.put("reportingIntervalSeconds", interval.toSeconds());
            reported.put("firmware", "sim-1.0");
            reported.put("kind", model.tags().getOrDefault("kind", "device"));
            link.report(reported);
        } catch (Exception e) {
            LOG.log(Level.WARNING, link.deviceId() + ": reported properties not sent", e);
        }
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
