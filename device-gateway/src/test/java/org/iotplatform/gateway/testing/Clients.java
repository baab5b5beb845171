package org.iotplatform.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** Real MQTT clients against a {@link RunningGateway}: devices and the back-end service identity. */
public final class Clients {

    private Clients() {}

    public static String mqttUsername(String deviceId) {
        return RunningGateway.HUB + "/" + deviceId + "/?api-version=2021-04-12";
    }

    /** An MQTT 3.1.1 device over TLS, trusting the generated CA. */
    public static MqttClient v3DeviceTls(RunningGateway gw, String deviceId, String token) throws Exception {
        MqttClient client = new MqttClient("ssl://localhost:" + gw.mqttsPort, deviceId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(mqttUsername(deviceId));
        options.setPassword(token.toCharArray());
        options.setSocketFactory(gw.trustingCa().getSocketFactory());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.connect(options);
        return client;
    }

    /** An MQTT 3.1.1 device on the plain port with any client id. */
    public static MqttClient v3Device(RunningGateway gw, String clientId, String username, String token)
            throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + gw.mqttPort, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(username);
        options.setPassword(token.toCharArray());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.connect(options);
        return client;
    }

    /** An MQTT 5 device on the plain port. */
    public static V5Client v5Device(RunningGateway gw, String deviceId, String token) throws Exception {
        V5Client client = new V5Client("tcp://127.0.0.1:" + gw.mqttPort, deviceId);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(mqttUsername(deviceId));
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.connect(options);
        return client;
    }

    /** AMQP 1.0 (qpid-jms) on the plain port, SASL {@code mechanism} (PLAIN: user = device id, password = SAS token). */
    public static org.apache.qpid.jms.JmsConnectionFactory amqpFactory(RunningGateway gw, String mechanism) {
        return amqpFactory(gw, mechanism, 10_000);
    }

    public static org.apache.qpid.jms.JmsConnectionFactory amqpFactory(
            RunningGateway gw, String mechanism, int connectTimeoutMillis) {
        return new org.apache.qpid.jms.JmsConnectionFactory(
                "amqp://127.0.0.1:" + gw.amqpPort + "?amqp.saslMechanisms=" + mechanism
                        + "&jms.connectTimeout=" + connectTimeoutMillis
                        + "&jms.sendTimeout=10000&jms.requestTimeout=10000&jms.closeTimeout=5000"
                        // property names as the broker's own (mqtt.content.type), which JMS would not allow
                        + "&jms.validatePropertyNames=false");
    }

    /** Paho's MQTT 5 client, exposing the PUBACK reason code that the synchronous publish hides. */
    public static final class V5Client extends org.eclipse.paho.mqttv5.client.MqttClient {
        V5Client(String uri, String clientId) throws org.eclipse.paho.mqttv5.common.MqttException {
            super(uri, clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        }

        public org.eclipse.paho.mqttv5.client.IMqttToken publishWithToken(
                String topic, org.eclipse.paho.mqttv5.common.MqttMessage message)
                throws org.eclipse.paho.mqttv5.common.MqttException {
            return aClient.publish(topic, message);
        }
    }

    /** What the back end received: topic (with the property bag the gateway moved into a user property) and payload. */
    public record Received(String topic, String payload) {
        static Received of(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
            String bag = message.getProperties() == null
                    ? ""
                    : message.getProperties().getUserProperties().stream()
                            .filter(p -> p.getKey().equals(org.iotplatform.protocol.PropertyBag.USER_PROPERTY))
                            .map(org.eclipse.paho.mqttv5.common.packet.UserProperty::getValue)
                            .findFirst()
                            .orElse("");
            return new Received(topic + bag, new String(message.getPayload(), StandardCharsets.UTF_8));
        }
    }

    /** The back end (service identity) subscribed over MQTT 5 to {@code topicFilter}. */
    public static final class Backend implements AutoCloseable {
        public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        private final org.eclipse.paho.mqttv5.client.MqttClient client;

        public Backend(RunningGateway gw, String topicFilter) throws Exception {
            this(gw, "backend-" + System.nanoTime(), true, topicFilter);
        }

        /** With {@code cleanStart} false, a persistent session (an hour), as the platform's ingress has. */
        public Backend(RunningGateway gw, String clientId, boolean cleanStart, String... topicFilters)
                throws Exception {
            client = new org.eclipse.paho.mqttv5.client.MqttClient(
                    "tcp://127.0.0.1:" + gw.mqttPort,
                    clientId,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(RunningGateway.BACKEND_USER);
            options.setPassword(RunningGateway.BACKEND_PASSWORD.getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(cleanStart);
            if (!cleanStart) {
                options.setSessionExpiryInterval(3600L);
            }
            // Messages whose topic does not match the filter (Paho's per-subscription dispatch) still count.
            client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {}

                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {}

                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                    received.add(Received.of(topic, message));
                }

                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

                public void connectComplete(boolean reconnect, String serverURI) {}

                public void authPacketArrived(
                        int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
            });
            client.setTimeToWait(10_000);
            client.connect(options);
            if (topicFilters.length == 0) {
                return;
            }
            MqttSubscription[] subscriptions = new MqttSubscription[topicFilters.length];
            org.eclipse.paho.mqttv5.client.IMqttMessageListener[] listeners =
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[topicFilters.length];
            for (int i = 0; i < topicFilters.length; i++) {
                subscriptions[i] = new MqttSubscription(topicFilters[i], 1);
                listeners[i] = (topic, message) -> received.add(Received.of(topic, message));
            }
            client.subscribe(subscriptions, listeners);
        }

        /** The back end's MQTT client, to publish as the back end (cloud-to-device messages). */
        public org.eclipse.paho.mqttv5.client.MqttClient client() {
            return client;
        }

        public Received next(Duration within) throws InterruptedException {
            return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        /**
         * Everything that arrives before a message whose payload is {@code marker} (published after
         * whatever must not arrive, so anything that did would be here), waiting up to {@code within}.
         */
        public List<Received> before(String marker, Duration within) throws InterruptedException {
            List<Received> all = new java.util.ArrayList<>();
            Instant end = Instant.now().plus(within);
            while (Instant.now().isBefore(end)) {
                Received r = received.poll(50, TimeUnit.MILLISECONDS);
                if (r != null && r.payload().equals(marker)) {
                    return all;
                }
                if (r != null) {
                    all.add(r);
                }
            }
            throw new AssertionError("the marker '" + marker + "' did not arrive within " + within + "; got " + all);
        }

        /** Everything that arrives within {@code quiet}. */
        public List<Received> drain(Duration quiet) throws InterruptedException {
            List<Received> all = new java.util.ArrayList<>();
            Instant end = Instant.now().plus(quiet);
            while (Instant.now().isBefore(end)) {
                Received r = received.poll(50, TimeUnit.MILLISECONDS);
                if (r != null) {
                    all.add(r);
                }
            }
            return all;
        }

        @Override
        public void close() throws Exception {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    public static Instant inOneHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    /**
     * An MQTT client that sends whatever it is given, packet by packet (Netty's codec over a plain
     * socket): what Paho refuses to send (NUL in topics, QoS 2 to anything, packets pipelined behind
     * CONNECT before its CONNACK, will messages with the retain flag) is what a hostile device sends.
     */
    public static final class RawMqtt implements AutoCloseable {
        private final java.net.Socket socket;
        private final io.netty.channel.embedded.EmbeddedChannel codec = new io.netty.channel.embedded.EmbeddedChannel(
                new io.netty.handler.codec.mqtt.MqttDecoder(4 * 1024 * 1024),
                io.netty.handler.codec.mqtt.MqttEncoder.INSTANCE);
        private final BlockingQueue<io.netty.handler.codec.mqtt.MqttMessage> received = new LinkedBlockingQueue<>();
        private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        private int nextPacketId = 1;

        public RawMqtt(RunningGateway gw) throws java.io.IOException {
            socket = new java.net.Socket("127.0.0.1", gw.mqttPort);
            socket.setTcpNoDelay(true);
            Thread reader = new Thread(this::read, "raw-mqtt-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Encodes the packets and writes them in one go, so the gateway reads them together. */
        public void send(io.netty.handler.codec.mqtt.MqttMessage... packets) throws java.io.IOException {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            synchronized (codec) {
                for (io.netty.handler.codec.mqtt.MqttMessage packet : packets) {
                    codec.writeOutbound(packet);
                    io.netty.buffer.ByteBuf out;
                    while ((out = codec.readOutbound()) != null) {
                        byte[] chunk = new byte[out.readableBytes()];
                        out.readBytes(chunk);
                        out.release();
                        bytes.writeBytes(chunk);
                    }
                }
            }
            try {
                socket.getOutputStream().write(bytes.toByteArray());
                socket.getOutputStream().flush();
            } catch (java.net.SocketException e) {
                // The gateway closed the connection while we were still writing (an oversized CONNECT
                // is refused before it is all read): a refusal like any other. What it answered, and
                // that it closed, is for the caller to check.
                try {
                    if (!closedByGateway(Duration.ofSeconds(5))) {
                        throw e;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }

        public int packetId() {
            return nextPacketId++;
        }

        /** The next packet from the gateway, or {@code null} when none came in time or the connection is closed. */
        public io.netty.handler.codec.mqtt.MqttMessage next(Duration within) throws InterruptedException {
            Instant end = Instant.now().plus(within);
            while (Instant.now().isBefore(end)) {
                io.netty.handler.codec.mqtt.MqttMessage m = received.poll(20, TimeUnit.MILLISECONDS);
                if (m != null) {
                    return m;
                }
                if (closed.getCount() == 0) {
                    return received.poll(); // closed: nothing more will come
                }
            }
            return null;
        }

        /** The next packet of that type, skipping others; {@code null} when none came in time. */
        public io.netty.handler.codec.mqtt.MqttMessage next(
                io.netty.handler.codec.mqtt.MqttMessageType type, Duration within) throws InterruptedException {
            Instant end = Instant.now().plus(within);
            while (Instant.now().isBefore(end)) {
                io.netty.handler.codec.mqtt.MqttMessage m = next(Duration.between(Instant.now(), end));
                if (m == null) {
                    return null;
                }
                if (m.fixedHeader().messageType() == type) {
                    return m;
                }
                received.add(m); // not ours: keep it for whoever asks (order is lost, which no caller needs)
                if (closed.getCount() == 0
                        && received.stream().noneMatch(p -> p.fixedHeader().messageType() == type)) {
                    return null;
                }
                Thread.sleep(5);
            }
            return null;
        }

        /** Everything the gateway sent so far. */
        public List<io.netty.handler.codec.mqtt.MqttMessage> drain() {
            List<io.netty.handler.codec.mqtt.MqttMessage> all = new java.util.ArrayList<>();
            received.drainTo(all);
            return all;
        }

        /** Whether the gateway closed the connection within {@code within}. */
        public boolean closedByGateway(Duration within) throws InterruptedException {
            return closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Ends the connection without DISCONNECT, as a device losing its network does (its will goes out). */
        public void drop() throws java.io.IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        private void read() {
            byte[] buffer = new byte[64 * 1024];
            try {
                java.io.InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (codec) {
                        codec.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(buffer, 0, n));
                        Object packet;
                        while ((packet = codec.readInbound()) != null) {
                            received.add((io.netty.handler.codec.mqtt.MqttMessage) packet);
                        }
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // closed by either side
            } finally {
                closed.countDown();
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
            synchronized (codec) {
                codec.finishAndReleaseAll();
            }
        }
    }
}
