package org.iotplatform.edge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.iotplatform.edge.link.DeviceToken;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.PropertyBag;

/**
 * A flat-out MQTT 3.1.1 publisher: {@code count} devices each publish exactly {@code messages} QoS 1
 * messages (each with its own {@code $.mid}), keeping {@code window} unacknowledged, as fast as the
 * gateway acknowledges: far above the per-device rate, so the gateway has to slow them down. MQTT
 * 3.1.1 cannot be told no, so every message must end up acknowledged and stored. Prints progress
 * each second and a {@code RESULT} line (run id, sent, acknowledged, failed, seconds, rate).
 *
 * <pre>java -cp iot-device-edge.jar org.iotplatform.edge.bench.FloodLoad --gateway localhost:1883
 *   --prefix flood --count 200 --messages 500 --window 10 --key BASE64 [--hub iothub.local]</pre>
 */
public final class FloodLoad {

    private FloodLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = org.iotplatform.edge.CommandLineOptions.parse(args, 0);
        String[] gateway = a.getOrDefault("gateway", "localhost:1883").split(":");
        InetSocketAddress address = new InetSocketAddress(gateway[0], Integer.parseInt(gateway[1]));
        String prefix = a.getOrDefault("prefix", "flood");
        int count = Integer.parseInt(a.getOrDefault("count", "200"));
        int messages = Integer.parseInt(a.getOrDefault("messages", "500"));
        int window = Integer.parseInt(a.getOrDefault("window", "10"));
        byte[] key = Base64.getDecoder().decode(org.iotplatform.edge.CommandLineOptions.required(a, "key"));
        String hub = a.getOrDefault("hub", "iothub.local");
        String run = a.getOrDefault("run", Long.toString(System.currentTimeMillis(), 36));

        List<Mqtt3AsyncClient> devices = new ArrayList<>(count);
        long expiry = Instant.now().plusSeconds(24 * 3600).getEpochSecond();
        List<CompletableFuture<?>> connects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String deviceId = prefix + "-" + String.format(Locale.ROOT, "%06d", i);
            Mqtt3AsyncClient client = MqttClient.builder()
                    .useMqttVersion3()
                    .identifier(deviceId)
                    .serverAddress(address)
                    .buildAsync();
            devices.add(client);
            connects.add(client.connectWith()
                    .cleanSession(true)
                    .keepAlive(60)
                    .simpleAuth()
                    .username(deviceId)
                    .password(DeviceToken.sas(hub, deviceId, key, expiry).getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send());
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "CONNECTED %d devices (MQTT 3.1.1) to %s%n", count, address);

        AtomicLong sent = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int d = 0; d < count; d++) {
            Device device = new Device(devices.get(d), prefix, run, d, messages, sent, acked, failed, done);
            for (int w = 0; w < window; w++) {
                device.next();
            }
        }
        long lastAcked = 0;
        while (!done.await(1, TimeUnit.SECONDS)) {
            long now = acked.get();
            System.out.printf(
                    Locale.ROOT,
                    "progress t=%.0fs sent=%d acked=%d failed=%d rate=%d/s%n",
                    (System.nanoTime() - start) / 1e9,
                    sent.get(),
                    now,
                    failed.get(),
                    now - lastAcked);
            lastAcked = now;
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESULT run=%s devices=%d sent=%d acked=%d failed=%d seconds=%.1f ackRate=%.0f%n",
                run,
                count,
                sent.get(),
                acked.get(),
                failed.get(),
                seconds,
                acked.get() / seconds);
        System.out.flush();
        for (Mqtt3AsyncClient c : devices) {
            c.disconnect();
        }
        Thread.sleep(1000);
        System.exit(0);
    }

    /** One device: publishes its next message whenever one of its window is acknowledged, until it sent them all. */
    private record Device(
            Mqtt3AsyncClient client,
            String prefix,
            String run,
            int index,
            int messages,
            AtomicLong sent,
            AtomicLong acked,
            AtomicLong failed,
            CountDownLatch done,
            AtomicInteger position,
            AtomicInteger settled) {

        Device(
                Mqtt3AsyncClient client,
                String prefix,
                String run,
                int index,
                int messages,
                AtomicLong sent,
                AtomicLong acked,
                AtomicLong failed,
                CountDownLatch done) {
            this(
                    client,
                    prefix,
                    run,
                    index,
                    messages,
                    sent,
                    acked,
                    failed,
                    done,
                    new AtomicInteger(),
                    new AtomicInteger());
        }

        void next() {
            int n = position.getAndIncrement();
            if (n >= messages) {
                return;
            }
            sent.incrementAndGet();
            String deviceId = prefix + "-" + String.format(Locale.ROOT, "%06d", index);
            String payload = String.format(Locale.ROOT, "{\"ts\":\"%s\",\"n\":%d}", Instant.now(), n);
            client.publishWith()
                    .topic(DeviceTopics.telemetry(
                            deviceId, PropertyBag.empty().with(PropertyBag.MESSAGE_ID, run + "-" + n)))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send()
                    .whenComplete((ack, error) -> {
                        (error == null ? acked : failed).incrementAndGet();
                        if (settled.incrementAndGet() == messages) {
                            done.countDown();
                        }
                        next();
                    });
        }
    }
}
