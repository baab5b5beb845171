package org.iotplatform.edge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.TrustManagerFactory;
import org.iotplatform.edge.link.DeviceToken;

/**
 * Opens many device connections and holds them: {@code count} devices named
 * {@code <prefix>-<n>} from {@code first}, all with the same benchmark key, spread round-robin over
 * the gateways, from one local source address (one source address reaches a listener at most
 * ~28k times). Prints one line per second and a summary line starting with {@code RESULT}.
 *
 * <pre>java -cp iot-device-edge.jar org.iotplatform.edge.bench.ConnectionLoad
 *   --gateways localhost:1883,localhost:11883 --prefix bench --first 0 --count 15000
 *   --key BASE64 --hub iothub.local --source 127.0.0.2 --in-flight 200 --hold 30 [--ca ca.pem]</pre>
 */
public final class ConnectionLoad {

    private ConnectionLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = org.iotplatform.edge.CommandLineOptions.parse(args, 0);
        String[] gateways = a.getOrDefault("gateways", "localhost:1883").split(",");
        String prefix = a.getOrDefault("prefix", "bench");
        int first = Integer.parseInt(a.getOrDefault("first", "0"));
        int count = Integer.parseInt(a.getOrDefault("count", "1000"));
        byte[] key = Base64.getDecoder().decode(org.iotplatform.edge.CommandLineOptions.required(a, "key"));
        String hub = a.getOrDefault("hub", "iothub.local");
        String source = a.getOrDefault("source", "127.0.0.1");
        int inFlight = Integer.parseInt(a.getOrDefault("in-flight", "200"));
        int holdSeconds = Integer.parseInt(a.getOrDefault("hold", "30"));
        TrustManagerFactory trust = a.containsKey("ca") ? trust(a.get("ca")) : null;

        Semaphore window = new Semaphore(inFlight);
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, AtomicInteger> perGateway = new HashMap<>();
        for (String g : gateways) {
            perGateway.put(g, new AtomicInteger());
        }
        List<Mqtt3AsyncClient> clients = new ArrayList<>(count);
        long expiry = Instant.now().plusSeconds(24 * 3600).getEpochSecond();
        long start = System.nanoTime();
        Thread progress = progressPrinter(connected, failed, start);

        for (int i = 0; i < count; i++) {
            String deviceId = prefix + "-" + String.format(Locale.ROOT, "%06d", first + i);
            String gateway = gateways[i % gateways.length];
            String[] hostPort = gateway.split(":");
            var builder = MqttClient.builder()
                    .useMqttVersion3()
                    .identifier(deviceId)
                    .transportConfig()
                    .serverAddress(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
                    .localAddress(new InetSocketAddress(source, 0))
                    .mqttConnectTimeout(60, TimeUnit.SECONDS)
                    .socketConnectTimeout(30, TimeUnit.SECONDS);
            if (trust != null) {
                builder = builder.sslConfig().trustManagerFactory(trust).applySslConfig();
            }
            Mqtt3AsyncClient client = builder.applyTransportConfig().buildAsync();
            clients.add(client);
            window.acquire();
            CompletableFuture<?> done = client.connectWith()
                    .cleanSession(true)
                    .keepAlive(300)
                    .simpleAuth()
                    .username(deviceId)
                    .password(DeviceToken.sas(hub, deviceId, key, expiry).getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            done.whenComplete((ack, error) -> {
                window.release();
                if (error == null) {
                    connected.incrementAndGet();
                    perGateway.get(gateway).incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        window.acquire(inFlight); // all attempts finished
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "CONNECTED %d of %d in %.1f s (%.0f connects/s), failed %d%n",
                connected.get(),
                count,
                seconds,
                connected.get() / seconds,
                failed.get());

        Thread.sleep(holdSeconds * 1000L);
        int stillConnected =
                (int) clients.stream().filter(c -> c.getState().isConnected()).count();
        progress.interrupt();
        StringBuilder gw = new StringBuilder();
        perGateway.forEach((g, n) -> gw.append(g).append('=').append(n.get()).append(' '));
        System.out.printf(
                Locale.ROOT,
                "RESULT source=%s devices=%d connected=%d held=%d failed=%d seconds=%.1f rate=%.0f perGateway=[%s]%n",
                source,
                count,
                connected.get(),
                stillConnected,
                failed.get(),
                seconds,
                connected.get() / seconds,
                gw.toString().trim());
        System.out.flush();
        for (Mqtt3AsyncClient c : clients) {
            c.disconnect();
        }
        Thread.sleep(2000);
        System.exit(0);
    }

    private static Thread progressPrinter(AtomicInteger connected, AtomicInteger failed, long start) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (true) {
                            Thread.sleep(1000);
                            System.out.printf(
                                    Locale.ROOT,
                                    "progress t=%.0fs connected=%d failed=%d%n",
                                    (System.nanoTime() - start) / 1e9,
                                    connected.get(),
                                    failed.get());
                        }
                    } catch (InterruptedException e) {
                        // finished
                    }
                },
                "progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static TrustManagerFactory trust(String caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = new FileInputStream(caPem)) {
            ks.setCertificateEntry("ca", (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }
}
