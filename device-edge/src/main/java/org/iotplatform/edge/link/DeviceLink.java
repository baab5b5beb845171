package org.iotplatform.edge.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.PropertyBag;

/**
 * A device's link to the gateway as real firmware keeps it: its own identity and SAS token (renewed
 * before expiry), Paho MQTT 3.1.1 with a persistent session, QoS 1 telemetry with a message id each,
 * and an on-disk outbox (Paho's file persistence plus its disconnected buffer) so a broken link loses
 * nothing: what is sent while offline goes out, in order, once the link is back. Connects with
 * back-off and jitter. Direct methods, and cloud-to-device messages that carry a {@code command}
 * property, go to the {@link CommandHandler}.
 */
public final class DeviceLink implements MqttCallbackExtended {

    private static final Logger LOG = Logger.getLogger(DeviceLink.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    /** IoT Hub's direct-method topic (the gateway makes it this device's own). */
    private static final String TWIN_GET_RID = "twin-get";

    private final String deviceId;
    private final byte[] key;
    private final String hub;
    private final Clock clock;
    private final Random jitter;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final AtomicLong sent = new AtomicLong();
    private volatile CommandHandler commands = command -> CommandHandler.Result.error(501, "no command handler");
    private volatile java.util.function.Consumer<JsonNode> desired = d -> {};

    /**
     * @param outbox directory of the on-disk outbox (may be shared by many devices: Paho keeps one folder per client id)
     */
    public DeviceLink(String deviceId, byte[] key, String hub, String brokerUrl, Path outbox, Clock clock, long seed)
            throws MqttException {
        this.deviceId = deviceId;
        this.key = key.clone();
        this.hub = hub;
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

    public String deviceId() {
        return deviceId;
    }

    public void onCommand(CommandHandler handler) {
        this.commands = handler;
    }

    /** Desired properties, as a whole on connecting (from the twin) and as patches when they change. */
    public void onDesired(java.util.function.Consumer<JsonNode> handler) {
        this.desired = handler;
    }

    /** Patches the device's reported properties in its twin (QoS 1, queued while offline). */
    public void report(Map<String, ?> properties) throws MqttException, IOException {
        MqttMessage message = new MqttMessage(JSON.writeValueAsBytes(properties));
        message.setQos(1);
        client.publish(DeviceTopics.twinReported(UUID.randomUUID().toString()), message);
    }

    private void requestTwin() {
        try {
            MqttMessage empty = new MqttMessage(new byte[0]);
            empty.setQos(1);
            client.publish(DeviceTopics.twinGet(TWIN_GET_RID), empty);
        } catch (MqttException e) {
            LOG.warning(() -> deviceId + ": cannot ask for its twin: " + e.getMessage());
        }
    }

    /**
     * Connects in the background (the first connection with jittered back-off; Paho reconnects by
     * itself after that) and runs {@code connected} once the first connection stands.
     */
    public void start(ScheduledExecutorService scheduler, Runnable connected) {
        scheduler.execute(() -> connect(scheduler, 1000, connected));
        scheduler.scheduleAtFixedRate(this::renewToken, 1, 1, TimeUnit.HOURS);
    }

    private void connect(ScheduledExecutorService scheduler, long backOffMillis, Runnable connected) {
        try {
            client.connect(options).waitForCompletion(30_000);
            LOG.info(() -> deviceId + " connected");
            // Once: the persistent session keeps the subscription. (Subscribing again in connectComplete
            // while Paho drains its disconnected buffer breaks the connection: a Paho 1.2.5 bug.)
            client.subscribe(
                    new String[] {
                        DeviceTopics.cloudToDeviceFilter(deviceId),
                        DeviceTopics.methodRequestsFilter(),
                        DeviceTopics.twinResponsesFilter(),
                        DeviceTopics.twinDesiredFilter()
                    },
                    new int[] {1, 1, 1, 1});
            requestTwin();
            connected.run();
        } catch (MqttException e) {
            long next = Math.min(60_000, backOffMillis * 2);
            long delay = backOffMillis / 2 + (long) (jitter.nextDouble() * backOffMillis);
            LOG.warning(() -> deviceId + " cannot connect (" + e.getMessage() + "); again in " + delay + " ms");
            scheduler.schedule(() -> connect(scheduler, next, connected), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Paho reuses these options when it reconnects by itself: keep the token fresh in them. */
    private void renewToken() {
        long expiry = clock.instant().plus(TOKEN_LIFETIME).getEpochSecond();
        options.setPassword(DeviceToken.sas(hub, deviceId, key, expiry).toCharArray());
    }

    /**
     * Queues one telemetry message (QoS 1, a fresh message id); while offline it waits in the outbox.
     * @return the message id
     */
    public String sendTelemetry(Map<String, ?> values) throws MqttException, IOException {
        String messageId = UUID.randomUUID().toString();
        MqttMessage message = new MqttMessage(JSON.writeValueAsBytes(values));
        message.setQos(1);
        client.publish(
                DeviceTopics.telemetry(
                        deviceId,
                        PropertyBag.empty()
                                .with(PropertyBag.MESSAGE_ID, messageId)
                                .with(PropertyBag.CONTENT_TYPE, "application/json")),
                message);
        sent.incrementAndGet();
        return messageId;
    }

    /** Telemetry messages queued so far (sent or waiting in the outbox). */
    public long sent() {
        return sent.get();
    }

    public boolean connected() {
        return client.isConnected();
    }

    public void stop() {
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
        if (reconnect) {
            LOG.info(() -> deviceId + " reconnected; sending what was buffered");
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.log(Level.WARNING, deviceId + " lost its connection (" + describe(cause) + "); buffering", cause);
    }

    /**
     * Direct methods ({@code $iothub/methods/POST/<name>/?$rid=<rid>}) are run and answered on
     * {@code $iothub/methods/res/<status>/?$rid=<rid>}; cloud-to-device messages with a {@code command}
     * property are run without an answer; other messages are logged.
     */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String text = new String(message.getPayload(), StandardCharsets.UTF_8);
        Optional<String> method = DeviceTopics.methodName(topic);
        if (method.isPresent()) {
            String name = method.get();
            String rid = DeviceTopics.query(topic).requestId();
            if (rid == null) {
                LOG.warning(() -> deviceId + ": method request without a request id on " + topic);
                return;
            }
            CommandHandler.Result result = run(name, text);
            try {
                MqttMessage answer = new MqttMessage(JSON.writeValueAsBytes(result.payload()));
                answer.setQos(1);
                client.publish(DeviceTopics.methodResponse(result.status(), rid), answer);
            } catch (MqttException | IOException e) {
                LOG.warning(() -> deviceId + ": answer to " + name + " not sent: " + e);
            }
            return;
        }
        Optional<Integer> twinAnswer = DeviceTopics.twinResponseStatus(topic);
        if (topic.startsWith(DeviceTopics.TWIN_DESIRED)
                || (twinAnswer.equals(Optional.of(200))
                        && TWIN_GET_RID.equals(DeviceTopics.query(topic).requestId()))) {
            applyDesired(topic, text);
            return;
        }
        if (topic.startsWith(DeviceTopics.TWIN_RESPONSES)) {
            if (twinAnswer.isEmpty() || twinAnswer.get() / 100 != 2) {
                LOG.warning(() -> deviceId + ": twin request refused: " + topic + " " + text);
            }
            return;
        }
        String name = DeviceTopics.cloudToDeviceProperties(topic).get("command").orElse(null);
        if (name == null) {
            LOG.info(() -> deviceId + " received a message on " + topic + ": " + text);
            return;
        }
        run(name, text);
    }

    /** A desired patch, or the twin (whose desired part counts). */
    private void applyDesired(String topic, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode properties = topic.startsWith(DeviceTopics.TWIN_DESIRED) ? node : node.path("desired");
            if (properties.isObject()) {
                desired.accept(properties);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, deviceId + ": desired properties not applied: " + text, e);
        }
    }

    private CommandHandler.Result run(String name, String text) {
        CommandHandler.Result result;
        try {
            JsonNode payload =
                    text.isBlank() || text.equals("null") ? JsonNodeFactory.instance.objectNode() : JSON.readTree(text);
            result = commands.handle(new Command(name, payload));
        } catch (IOException e) {
            result = CommandHandler.Result.error(400, "payload is not JSON");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, deviceId + ": command " + name + " failed", e);
            result = CommandHandler.Result.error(500, String.valueOf(e.getMessage()));
        }
        CommandHandler.Result done = result;
        LOG.info(() -> deviceId + " command " + name + " " + text + " -> " + done.status() + " " + done.payload());
        return result;
    }

    private static String describe(Throwable cause) {
        String text = cause.getMessage();
        if (cause instanceof MqttException m) {
            text += " reason " + m.getReasonCode();
        }
        return cause.getCause() != null ? text + ": " + cause.getCause() : text;
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // acknowledged by the gateway; Paho removes it from the outbox
    }
}
