package org.iotplatform.edge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.iotplatform.edge.CommandLineOptions;
import org.iotplatform.edge.link.DeviceToken;
import org.iotplatform.protocol.DeviceTopics;

/**
 * Command benchmark through the whole platform: {@code count} devices (MQTT 5, answering at once) and a
 * caller of the REST API at {@code rate} calls/s for {@code seconds} (open loop: {@code callers}
 * keep-alive connections, default 64, each call timed from when it was due). Mode {@code methods}: direct
 * methods, round trip from the REST call to its answer. Mode {@code messages}: cloud-to-device
 * messages, from the REST call to the message reaching the device. Prints progress and a
 * {@code RESULT} line with p50/p95/p99 in milliseconds.
 *
 * <pre>java -cp iot-device-edge.jar org.iotplatform.edge.bench.CommandLoad --mode methods
 *   --platform http://localhost:8080 --admin-password-file F --gateway localhost:1883 --prefix cbench
 *   --count 50 --key BASE64 --rate 500 --seconds 30</pre>
 */
public final class CommandLoad {

    private CommandLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = CommandLineOptions.parse(args, 0);
        String mode = a.getOrDefault("mode", "methods");
        String platform = a.getOrDefault("platform", "http://localhost:8080");
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("admin:"
                                        + Files.readString(
                                                        Path.of(CommandLineOptions.required(a, "admin-password-file")))
                                                .trim())
                                .getBytes(StandardCharsets.UTF_8));
        String[] gateway = a.getOrDefault("gateway", "localhost:1883").split(":");
        String prefix = a.getOrDefault("prefix", "cbench");
        int count = Integer.parseInt(a.getOrDefault("count", "50"));
        byte[] key = Base64.getDecoder().decode(CommandLineOptions.required(a, "key"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "500"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        // calls in the first warm-up seconds are sent at the same rate but not counted: the JITs of
        // this process and of the platform settle first (a cold client alone spent ~0.6 cores at 150/s)
        int warmup = Integer.parseInt(a.getOrDefault("warmup-seconds", "0"));
        double warmupRate = Double.parseDouble(a.getOrDefault("warmup-rate", String.valueOf(rate)));

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicLong requestsSeen = new AtomicLong(); // method requests that reached the devices
        Histogram arrival = new Histogram();
        List<Mqtt5AsyncClient> devices = new ArrayList<>();
        List<CompletableFuture<?>> ready = new ArrayList<>();
        long expiry = Instant.now().plusSeconds(24 * 3600).getEpochSecond();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + String.format(Locale.ROOT, "%06d", i);
            Mqtt5AsyncClient device = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier(id)
                    .serverAddress(new InetSocketAddress(gateway[0], Integer.parseInt(gateway[1])))
                    .buildAsync();
            devices.add(device);
            ready.add(device.connectWith()
                    .cleanStart(true)
                    .simpleAuth()
                    .username(id)
                    .password(DeviceToken.sas("iothub.local", id, key, expiry).getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send()
                    .thenCompose(c -> "methods".equals(mode)
                            ? device.subscribeWith()
                                    .topicFilter(DeviceTopics.methodRequestsFilter())
                                    .qos(MqttQos.AT_LEAST_ONCE)
                                    .callback(p -> {
                                        requestsSeen.incrementAndGet();
                                        String topic = p.getTopic().toString();
                                        String rid = DeviceTopics.query(topic).requestId();
                                        device.publishWith()
                                                .topic(DeviceTopics.methodResponse(200, rid))
                                                .qos(MqttQos.AT_LEAST_ONCE)
                                                .payload("{\"ok\":true}".getBytes(StandardCharsets.UTF_8))
                                                .send();
                                    })
                                    .send()
                            : device.subscribeWith()
                                    .topicFilter(DeviceTopics.cloudToDeviceFilter(id))
                                    .qos(MqttQos.AT_LEAST_ONCE)
                                    .callback(p -> {
                                        Long at = sentAt.remove(
                                                new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
                                        if (at != null) {
                                            arrival.add((System.nanoTime() - at) / 1_000_000);
                                        }
                                    })
                                    .send()));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        Thread.sleep(3000); // the platform learns they are connected
        System.out.printf(Locale.ROOT, "CONNECTED %d devices (%s)%n", count, mode);

        Histogram roundTrip = new Histogram();
        AtomicLong sent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long warmStart = System.nanoTime();
        long start = warmStart + TimeUnit.SECONDS.toNanos(warmup);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long interval = (long) (1e9 / rate);
        long warmInterval = (long) (1e9 / Math.max(1, warmupRate));
        long warmCalls = warmup == 0 ? 0 : TimeUnit.SECONDS.toNanos(warmup) / warmInterval;
        // Open loop: call k is due at a fixed time whatever became of the others. Callers are blocking
        // keep-alive connections (HttpURLConnection: a fraction of java.net.http's CPU per call, which
        // matters on a machine shared with the platform); each call is timed from when it was due, so
        // a caller busy or queued behind a slow answer counts against the platform, not hidden.
        int callers = Integer.parseInt(a.getOrDefault("callers", "64"));
        System.setProperty("http.maxConnections", String.valueOf(callers));
        System.setProperty("http.keepAlive", "true");
        AtomicLong tickets = new AtomicLong();
        for (int c = 0; c < callers; c++) {
            Thread caller = new Thread(
                    () -> {
                        while (true) {
                            long k = tickets.getAndIncrement();
                            long due =
                                    k < warmCalls ? warmStart + k * warmInterval : start + (k - warmCalls) * interval;
                            if (due >= end) {
                                return;
                            }
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            boolean counted = due >= start;
                            long n = counted ? sent.incrementAndGet() : -1;
                            String id = prefix + "-" + String.format(Locale.ROOT, "%06d", k % count);
                            String path;
                            String body;
                            if ("methods".equals(mode)) {
                                path = "/api/v1/devices/" + id + "/methods/ping";
                                body = "{\"payload\":{\"n\":" + n + "},\"timeoutSeconds\":10}";
                            } else {
                                String marker = "m" + (counted ? n : "w" + k);
                                if (counted) {
                                    sentAt.put(marker, due);
                                }
                                path = "/api/v1/devices/" + id + "/messages";
                                body = "{\"payload\":\"" + marker + "\",\"ttlSeconds\":60}";
                            }
                            int status = post(platform + path, auth, body);
                            if (!counted) {
                                continue;
                            }
                            if (status < 0) {
                                failed.incrementAndGet();
                                continue;
                            }
                            statuses.computeIfAbsent(status, x -> new AtomicLong())
                                    .incrementAndGet();
                            if (status / 100 == 2) {
                                ok.incrementAndGet();
                                roundTrip.add((System.nanoTime() - due) / 1_000_000);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    },
                    "caller-" + c);
            caller.setDaemon(true);
            caller.start();
        }
        long lastOk = 0;
        long lastSeen = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            Thread.sleep(1000);
            long o = ok.get();
            long seen = requestsSeen.get();
            System.out.printf(
                    Locale.ROOT,
                    "progress t=%.0fs%s sent=%d ok=%d failed=%d atDevices=%d/s rate=%d/s%n",
                    (now - start) / 1e9,
                    now < start ? " (warm-up)" : "",
                    sent.get(),
                    o,
                    failed.get(),
                    seen - lastSeen,
                    o - lastOk);
            lastOk = o;
            lastSeen = seen;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (ok.get() + failed.get() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        double elapsed = seconds;
        Histogram shown = "methods".equals(mode) ? roundTrip : arrival;
        System.out.printf(
                Locale.ROOT,
                "RESULT mode=%s devices=%d target=%.0f/s sent=%d ok=%d failed=%d okRate=%.0f/s statuses=%s "
                        + "latencyMs p50=%d p95=%d p99=%d max=%d%s%n",
                mode,
                count,
                rate,
                sent.get(),
                ok.get(),
                failed.get(),
                ok.get() / elapsed,
                statuses,
                shown.percentile(0.5),
                shown.percentile(0.95),
                shown.percentile(0.99),
                shown.max(),
                "messages".equals(mode)
                        ? " delivered=" + arrival.count() + " restCallMs p99=" + roundTrip.percentile(0.99)
                        : "");
        devices.forEach(Mqtt5AsyncClient::disconnect);
        System.exit(0);
    }

    /** One POST on a kept-alive connection; the status, or -1 when the call itself failed. */
    private static int post(String url, String auth, String body) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(30_000);
            connection.setDoOutput(true);
            connection.setRequestProperty("Authorization", auth);
            connection.setRequestProperty("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            // read to the end, or the connection is not reused
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Milliseconds, 0 to 60 s. */
    private static final class Histogram {
        private final AtomicLongArray counts = new AtomicLongArray(60_001);
        private final AtomicLong max = new AtomicLong();

        void add(long millis) {
            counts.incrementAndGet((int) Math.max(0, Math.min(millis, 60_000)));
            max.accumulateAndGet(millis, Math::max);
        }

        long count() {
            long total = 0;
            for (int i = 0; i < counts.length(); i++) {
                total += counts.get(i);
            }
            return total;
        }

        long max() {
            return max.get();
        }

        long percentile(double q) {
            long total = count();
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (rank > 0 && seen >= rank) {
                    return i;
                }
            }
            return -1;
        }
    }
}
