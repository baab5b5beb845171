package org.iotplatform.it;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real device gateway ({@code java -jar iot-device-gateway.jar}) as a separate process,
 * wired to the platform under test, on ports of its own so a running ./run.sh is left alone.
 */
final class GatewayProcess implements AutoCloseable {

    static final int MQTT_PORT = 21883;
    /** 8883: the Azure device SDK cannot use another port. */
    static final int MQTTS_PORT = 8883;

    static final int AMQP_PORT = 25672;
    static final int AMQPS_PORT = 25671;
    static final int HTTP_PORT = 28088;
    static final int HTTPS_PORT = 28443;

    static final String BACKEND_USER = "iot-backend";

    final String backendPassword;
    final Path dir;
    private final Process process;

    private GatewayProcess(Path dir, Process process, String backendPassword) {
        this.dir = dir;
        this.process = process;
        this.backendPassword = backendPassword;
    }

    /** The gateway's jar. */
    private static Path jar() {
        return built("iot.test.gateway-jar", "../device-gateway/target/iot-device-gateway.jar");
    }

    /** The device edge's jar: the fleet simulator and the Modbus adapter, devices of this gateway. */
    static Path edgeJar() {
        return built("iot.test.edge-jar", "../device-edge/target/iot-device-edge.jar");
    }

    private static Path built(String property, String fallback) {
        Path jar = Path.of(System.getProperty(property, fallback));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.getFileName() + " not built: " + jar.toAbsolutePath());
        }
        return jar;
    }

    static GatewayProcess start(String name) throws Exception {
        Path jar = jar();
        Path dir = Path.of("target", "gateway-" + name).toAbsolutePath();
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "serve")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile());
        // the password the platform under test reads telemetry with (test.sh)
        String backendPassword =
                Optional.ofNullable(System.getenv("IOT_INGRESS_MQTT_PASSWORD")).orElse("backend-" + UUID.randomUUID());
        Map<String, String> env = pb.environment();
        env.put("IOT_GATEWAY_PLATFORM_URL", Platform.BASE_URL);
        env.put("IOT_GATEWAY_PLATFORM_USER", "gateway");
        env.put("IOT_GATEWAY_PLATFORM_PASSWORD", System.getenv("IOT_GATEWAY_PASSWORD"));
        env.put("IOT_GATEWAY_BACKEND_USER", BACKEND_USER);
        env.put("IOT_GATEWAY_BACKEND_PASSWORD", backendPassword);
        env.put("IOT_GATEWAY_HUB_HOSTNAME", "iothub.local");
        env.put("IOT_GATEWAY_DATA_DIR", dir.resolve("data").toString());
        env.put("IOT_GATEWAY_TLS_DIR", dir.resolve("tls").toString());
        env.put("IOT_GATEWAY_MQTT_PORT", Integer.toString(MQTT_PORT));
        env.put("IOT_GATEWAY_MQTTS_PORT", Integer.toString(MQTTS_PORT));
        env.put("IOT_GATEWAY_AMQP_PORT", Integer.toString(AMQP_PORT));
        env.put("IOT_GATEWAY_AMQPS_PORT", Integer.toString(AMQPS_PORT));
        env.put("IOT_GATEWAY_HTTP_PORT", Integer.toString(HTTP_PORT));
        env.put("IOT_GATEWAY_HTTPS_PORT", Integer.toString(HTTPS_PORT));
        env.put("IOT_GATEWAY_REVOCATION_POLL_MILLIS", "1000");
        env.put("IOT_GATEWAY_PUBLISH_RATE_PER_DEVICE", "5000"); // load tests publish in bursts
        GatewayProcess started = new GatewayProcess(dir, pb.start(), backendPassword);
        started.awaitPort(MQTTS_PORT, Duration.ofSeconds(90));
        started.awaitPort(AMQP_PORT, Duration.ofSeconds(30));
        return started;
    }

    private void awaitPort(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "gateway exited with " + process.exitValue() + "; see " + dir.resolve("gateway.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("localhost", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("gateway did not open port " + port + "; see " + dir.resolve("gateway.log"));
    }

    /** Trusts the CA the gateway generated on first start, as a device would. */
    SSLContext deviceTls() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in =
                new FileInputStream(dir.resolve("tls").resolve("ca.pem").toFile())) {
            trust.setCertificateEntry("iot-ca", (X509Certificate) cf.generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * Destroys a broker queue through Artemis' management address, as the back-end identity, leaving
     * its consumers' connections up: a fault the platform has to notice by itself.
     */
    void destroyQueue(String queue) throws Exception {
        var factory = new org.apache.qpid.jms.JmsConnectionFactory("amqp://localhost:" + AMQP_PORT);
        try (jakarta.jms.Connection connection = factory.createConnection(BACKEND_USER, backendPassword)) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TemporaryQueue reply = session.createTemporaryQueue();
            jakarta.jms.TextMessage call = session.createTextMessage("[\"" + queue + "\",true]");
            call.setStringProperty("_AMQ_ResourceName", "broker");
            call.setStringProperty("_AMQ_OperationName", "destroyQueue");
            call.setJMSReplyTo(reply);
            session.createProducer(session.createQueue("activemq.management")).send(call);
            jakarta.jms.Message answer = session.createConsumer(reply).receive(10_000);
            if (answer == null || !Boolean.TRUE.equals(answer.getObjectProperty("_AMQ_OperationSucceeded"))) {
                throw new IllegalStateException("the gateway did not destroy queue " + queue + ": " + answer);
            }
        }
    }

    /** SIGKILL: no shutdown of any kind, the journal left as it was. */
    void kill() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gateway did not die");
        }
    }

    /** The same gateway started again on its data directory (journal, certificates), after it stopped or was killed. */
    GatewayProcess restarted() throws Exception {
        if (process.isAlive()) {
            close();
        }
        return start(dir.getFileName().toString().substring("gateway-".length()));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
