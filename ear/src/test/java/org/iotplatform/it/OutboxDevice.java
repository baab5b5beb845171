package org.iotplatform.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;

/**
 * A device as field devices are built: MQTT 3.1.1 with a persistent session, an on-disk outbox
 * (Paho's file persistence and disconnected buffer) and automatic reconnects, so what it publishes
 * while its gateway is away waits on disk and goes out when the gateway is back.
 */
final class OutboxDevice implements MqttCallbackExtended {

    private final String id;
    private final MqttAsyncClient client;
    private final AtomicLong sent = new AtomicLong();
    private volatile Consumer<String> onMethod = topic -> {};

    OutboxDevice(String id, String key, String brokerUrl, Path outbox) throws Exception {
        this.id = id;
        client = new MqttAsyncClient(brokerUrl, id, new MqttDefaultFilePersistence(outbox.toString()));
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setPersistBuffer(true);
        buffer.setBufferSize(100_000);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
        client.setCallback(this);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(2000);
        options.setMaxInflight(100);
        options.setUserName("iothub.local/" + id + "/?api-version=2021-04-12");
        options.setPassword(DeviceRegistryIT.sasToken(id, key, Instant.now().plusSeconds(3600))
                .toCharArray());
        client.connect(options).waitForCompletion(30_000);
        client.subscribe(
                        new String[] {"devices/" + id + "/messages/devicebound/#", "$iothub/methods/POST/#"},
                        new int[] {1, 1})
                .waitForCompletion(10_000);
    }

    /** Called on the client's thread with the topic of each direct-method request (it is never answered). */
    void onMethod(Consumer<String> handler) {
        this.onMethod = handler;
    }

    /** Queues one QoS 1 telemetry message with its own message id; while offline it waits in the outbox. */
    void sendTelemetry(String json) throws Exception {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        String topic = "devices/" + id + "/messages/events/$.mid=" + id + "-" + (sent.get() + 1);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                client.publish(topic, message);
                sent.incrementAndGet();
                return;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // its window of unacknowledged messages is full: the device waits, as a real one would
                if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    long sent() {
        return sent.get();
    }

    /** Publishes not yet acknowledged by the gateway: in flight, or in the outbox while offline. */
    int unacknowledged() {
        return client.getPendingDeliveryTokens().length + client.getBufferedMessageCount();
    }

    void stop() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        } catch (Exception e) {
            // the drill is over; a client that will not close cleanly changes nothing
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (topic.startsWith("$iothub/methods/POST/")) {
            onMethod.accept(topic);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void connectionLost(Throwable cause) {}

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
}
