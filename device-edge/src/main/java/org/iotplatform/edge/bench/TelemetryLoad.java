package org.iotplatform.edge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.iotplatform.edge.link.DeviceToken;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.PropertyBag;

/**
 * Telemetry load: {@code count} devices publish QoS 1 telemetry (a timestamp and four values, each
 * with its own {@code $.mid}) for {@code seconds}, each keeping {@code window} messages unacknowledged
 * (as fast as the gateway acknowledges), or at {@code rate} messages/s in total. With
 * {@code --subscribe user:password} it also reads the stream on a shared subscription, the way the
 * platform does, and reports what arrived and how late: the broker-only ceiling. Prints progress
 * each second and a {@code RESULT} line.
 *
 * <pre>java -cp iot-device-edge.jar org.iotplatform.edge.bench.TelemetryLoad --gateway localhost:1883
 *   --prefix tbench --count 100 --key BASE64 --hub iothub.local --seconds 30 --window 20 [--rate 2000]
 *   [--subscribe iot-backend:PASSWORD]</pre>
 */
public final class TelemetryLoad {

    private static final boolean FIXED_TOPIC = Boolean.getBoolean("fixedTopic");

    private TelemetryLoad() {}

    public static void main(String[] args) throws Exception {
        run(org.iotplatform.edge.CommandLineOptions.parse(args, 0));
        System.exit(0);
    }

    /** What a run did: messages sent, acknowledged by the gateway, failed; over how many seconds. */
    public record Result(long sent, long acked, long failed, double seconds) {}

    /** Runs the load as the options say, printing progress each second and a {@code RESULT} line. */
    public static Result run(Map<String, String> a) throws Exception {
        String[] gateway = a.getOrDefault("gateway", "localhost:1883").split(":");
        InetSocketAddress address = new InetSocketAddress(gateway[0], Integer.parseInt(gateway[1]));
        String prefix = a.getOrDefault("prefix", "tbench");
        int count = Integer.parseInt(a.getOrDefault("count", "100"));
        byte[] key = Base64.getDecoder().decode(org.iotplatform.edge.CommandLineOptions.required(a, "key"));
        String hub = a.getOrDefault("hub", "iothub.local");
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        int window = Integer.parseInt(a.getOrDefault("window", "20"));
        double rate = a.containsKey("rate-per-device")
                ? count * Double.parseDouble(a.get("rate-per-device"))
                : Double.parseDouble(a.getOrDefault("rate", "0"));
        String run = a.getOrDefault("run", Long.toString(System.currentTimeMillis(), 36));

        Subscriber subscriber = a.containsKey("subscribe") ? Subscriber.start(address, a.get("subscribe")) : null;

        List<Mqtt5AsyncClient> devices = new ArrayList<>(count);
        long expiry = Instant.now().plusSeconds(24 * 3600).getEpochSecond();
        List<CompletableFuture<?>> connects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String deviceId = prefix + "-" + String.format(Locale.ROOT, "%06d", i);
            Mqtt5AsyncClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier(deviceId)
                    .serverAddress(address)
                    .buildAsync();
            devices.add(client);
            connects.add(client.connectWith()
                    .cleanStart(true)
                    .keepAlive(60)
                    .simpleAuth()
                    .username(deviceId)
                    .password(DeviceToken.sas(hub, deviceId, key, expiry).getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send());
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "CONNECTED %d devices to %s%n", count, address);

        AtomicLong sent = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Publisher publisher = new Publisher(devices, prefix, run, sent, acked, failed, end);
        if (rate > 0) {
            publisher.atRate(rate);
        } else {
            for (int d = 0; d < count; d++) {
                for (int w = 0; w < window; w++) {
                    publisher.next(d);
                }
            }
        }
        long lastAcked = 0;
        while (System.nanoTime() < end + TimeUnit.SECONDS.toNanos(10)
                && (System.nanoTime() < end || acked.get() + failed.get() < sent.get())) {
            Thread.sleep(1000);
            long now = acked.get();
            System.out.printf(
                    Locale.ROOT,
                    "progress t=%.0fs sent=%d acked=%d failed=%d rate=%d/s%s%n",
                    (System.nanoTime() - start) / 1e9,
                    sent.get(),
                    now,
                    failed.get(),
                    now - lastAcked,
                    subscriber == null ? "" : " received=" + subscriber.received.get());
            lastAcked = now;
        }
        double elapsed = Math.min(System.nanoTime() - start, end - start) / 1e9;
        if (subscriber != null) {
            subscriber.awaitQuiet(acked.get());
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT run=%s devices=%d sent=%d acked=%d failed=%d seconds=%.1f ackRate=%.0f%s%n",
                run,
                count,
                sent.get(),
                acked.get(),
                failed.get(),
                elapsed,
                acked.get() / elapsed,
                subscriber == null ? "" : subscriber.summary());
        System.out.flush();
        for (Mqtt5AsyncClient c : devices) {
            c.disconnect();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        Thread.sleep(1000);
        return new Result(sent.get(), acked.get(), failed.get(), elapsed);
    }

    /** Publishes the next message of a device when the previous one is acknowledged (or on a timer). */
    private record Publisher(
            List<Mqtt5AsyncClient> devices,
            String prefix,
            String run,
            AtomicLong sent,
            AtomicLong acked,
            AtomicLong failed,
            long end) {

        void next(int device) {
            if (System.nanoTime() >= end) {
                return;
            }
            publish(device).whenComplete((ack, error) -> {
                if (error == null) {
                    acked.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                next(device);
            });
        }

        void atRate(double perSecond) {
            Thread pacer = new Thread(
                    () -> {
                        long interval = (long) (1e9 / perSecond);
                        long due = System.nanoTime();
                        int d = 0;
                        while (System.nanoTime() < end) {
                            long now = System.nanoTime();
                            while (due <= now) {
                                publish(d)
                                        .whenComplete(
                                                (ack, error) -> (error == null ? acked : failed).incrementAndGet());
                                d = (d + 1) % devices.size();
                                due += interval;
                            }
                            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                        }
                    },
                    "pacer");
            pacer.setDaemon(true);
            pacer.start();
        }

        private CompletableFuture<?> publish(int device) {
            long n = sent.incrementAndGet();
            String deviceId = devices.get(device)
                    .getConfig()
                    .getClientIdentifier()
                    .map(Object::toString)
                    .orElseThrow();
            double wave = Math.sin(n / 1000.0);
            String payload = String.format(
                    Locale.ROOT,
                    "{\"ts\":\"%s\",\"flow\":%.2f,\"pressure\":%.3f,\"temperature\":%.2f,\"vibration\":%.4f}",
                    Instant.now(),
                    120 + 10 * wave,
                    3.2 + 0.1 * wave,
                    60 + 5 * wave,
                    0.4 + 0.05 * wave);
            return devices.get(device)
                    .publishWith()
                    .topic(DeviceTopics.telemetry(
                            deviceId,
                            FIXED_TOPIC
                                    ? PropertyBag.empty()
                                    : PropertyBag.empty().with(PropertyBag.MESSAGE_ID, run + "-" + n)))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send();
        }
    }

    /** The platform's way of reading: a shared subscription with QoS 1, acknowledging each message. */
    private static final class Subscriber {
        final AtomicLong received = new AtomicLong();
        final AtomicLongArray latencyMillis = new AtomicLongArray(60_001); // histogram, last bucket = 60 s+
        volatile long firstNanos;
        private Mqtt5AsyncClient client;
        volatile long lastNanos;

        static Subscriber start(InetSocketAddress address, String credentials) throws Exception {
            String[] userPassword = credentials.split(":", 2);
            Subscriber s = new Subscriber();
            Mqtt5AsyncClient client = s.client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("bench-subscriber")
                    .serverAddress(address)
                    .buildAsync();
            client.connectWith()
                    .cleanStart(true)
                    .simpleAuth()
                    .username(userPassword[0])
                    .password(userPassword[1].getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send()
                    .get(30, TimeUnit.SECONDS);
            client.subscribeWith()
                    .topicFilter("$share/bench/" + DeviceTopics.ALL_TELEMETRY)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(s::onMessage)
                    .send()
                    .get(30, TimeUnit.SECONDS);
            return s;
        }

        private void onMessage(Mqtt5Publish publish) {
            long now = System.nanoTime();
            if (received.getAndIncrement() == 0) {
                firstNanos = now;
            }
            lastNanos = now;
            ByteBuffer payload = publish.getPayload().orElse(ByteBuffer.allocate(0));
            String text = StandardCharsets.UTF_8.decode(payload).toString();
            int at = text.indexOf("\"ts\":\"");
            if (at >= 0) {
                Instant ts = Instant.parse(text.substring(at + 6, text.indexOf('"', at + 6)));
                long late = Math.max(0, System.currentTimeMillis() - ts.toEpochMilli());
                latencyMillis.incrementAndGet((int) Math.min(late, 60_000));
            }
        }

        void close() {
            client.disconnect();
        }

        void awaitQuiet(long expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }

        String summary() {
            double seconds = Math.max(1e-9, (lastNanos - firstNanos) / 1e9);
            return String.format(
                    Locale.ROOT,
                    " received=%d receiveRate=%.0f latencyMs p50=%d p95=%d p99=%d",
                    received.get(),
                    received.get() / seconds,
                    percentile(0.50),
                    percentile(0.95),
                    percentile(0.99));
        }

        private long percentile(double q) {
            long total = 0;
            long[] counts = new long[latencyMillis.length()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = latencyMillis.get(i);
                total += counts[i];
            }
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank && rank > 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
