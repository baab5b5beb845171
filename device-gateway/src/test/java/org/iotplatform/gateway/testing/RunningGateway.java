package org.iotplatform.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.iotplatform.gateway.Gateway;
import org.iotplatform.gateway.config.GatewaySettings;

/** A fake platform and a gateway started in-process on free ports with a temporary data directory. */
public final class RunningGateway implements AutoCloseable {

    public static final String HUB = "iothub.local";
    public static final String BACKEND_USER = "iot-backend";
    public static final String BACKEND_PASSWORD = "backend-secret";

    public final FakePlatform platform;
    public volatile Gateway gateway;
    private final Map<String, String> settings;
    public final Path dataDir;
    public final int mqttPort;
    public final int mqttsPort;
    public final int amqpPort;
    public final int amqpsPort;
    public final int httpPort;
    public final int httpsPort;

    private RunningGateway(Map<String, String> extra, Integer fixedMqttsPort) throws Exception {
        this(extra, fixedMqttsPort, new FakePlatform(HUB));
    }

    private RunningGateway(Map<String, String> extra, Integer fixedMqttsPort, FakePlatform platform) throws Exception {
        this.platform = platform;
        dataDir = Files.createTempDirectory("gateway-test");
        int[] ports = freePorts(6);
        mqttPort = ports[0];
        mqttsPort = fixedMqttsPort != null ? fixedMqttsPort : ports[1];
        amqpPort = ports[2];
        amqpsPort = ports[3];
        httpPort = ports[4];
        httpsPort = ports[5];
        Map<String, String> settings = new HashMap<>(Map.of(
                "host", "127.0.0.1",
                "mqtt-port", String.valueOf(mqttPort),
                "mqtts-port", String.valueOf(mqttsPort),
                "amqp-port", String.valueOf(amqpPort),
                "amqps-port", String.valueOf(amqpsPort),
                "data-dir", dataDir.toString(),
                "hub-hostname", HUB,
                "platform-url", platform.url().toString(),
                "platform-password", FakePlatform.PASSWORD,
                "backend-password", BACKEND_PASSWORD));
        settings.put("revocation-poll-millis", "500");
        settings.put("http-port", String.valueOf(httpPort));
        settings.put("https-port", String.valueOf(httpsPort));
        settings.putAll(extra);
        this.settings = Map.copyOf(settings);
        gateway = Gateway.start(GatewaySettings.load(settings));
    }

    /** With a platform that answers over HTTPS only; {@code extra} says whether (and what) the gateway trusts. */
    public static RunningGateway startWithPlatform(FakePlatform platform, Map<String, String> extra) throws Exception {
        return new RunningGateway(extra, null, platform);
    }

    public static RunningGateway start() throws Exception {
        return new RunningGateway(Map.of(), null);
    }

    public static RunningGateway start(Map<String, String> extra) throws Exception {
        return new RunningGateway(extra, null);
    }

    public static RunningGateway startOnMqttsPort(int port) throws Exception {
        return new RunningGateway(Map.of(), port);
    }

    /** Takes the gateway down (the broker's journal stays), as an outage would. */
    public void stopGateway() {
        gateway.close();
    }

    /** Brings it back on the same ports and data. */
    public void restartGateway() throws Exception {
        gateway = Gateway.start(GatewaySettings.load(settings));
    }

    public Path caCertificate() {
        return gateway.keystore().caCertificate();
    }

    /** A TLS context that trusts only the gateway's generated CA. */
    public SSLContext trustingCa() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate())) {
            trust.setCertificateEntry(
                    "gateway-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** {@code n} different free ports: all held open while choosing, so none is handed out twice. */
    public static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        platform.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
