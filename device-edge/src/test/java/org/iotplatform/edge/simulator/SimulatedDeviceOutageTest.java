package org.iotplatform.edge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.iotplatform.gateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * A simulated device keeps reading while its gateway is down for 30 s: the readings wait in its
 * on-disk outbox and every one of them reaches the back end once the gateway is back.
 */
class SimulatedDeviceOutageTest {

    @Test
    void readingsTakenWhileTheGatewayIsDownArriveAfterItReturns() throws Exception {
        try (RunningGateway gw = RunningGateway.start()) {
            String id = "outage-pump-1";
            byte[] key = Base64.getDecoder().decode(gw.platform.register(id));
            List<String> arrived = new CopyOnWriteArrayList<>();
            MqttClient backend = persistentBackend(gw, arrived);
            Path outbox = Files.createTempDirectory("outbox");
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            SimulatedDevice device = new SimulatedDevice(
                    id,
                    key,
                    RunningGateway.HUB,
                    "tcp://127.0.0.1:" + gw.mqttPort,
                    outbox,
                    new PumpModel(1, "station-01", 1),
                    Duration.ofSeconds(1),
                    Clock.systemUTC(),
                    1);
            try {
                device.start(scheduler);
                await(Duration.ofSeconds(20), () -> arrived.size() >= 3);

                gw.stopGateway();
                long before = device.published();
                long outage = Long.getLong("outage.millis", 30_000);
                Thread.sleep(outage);
                assertTrue(
                        device.published() >= before + outage / 1000 - 5,
                        "the device kept reading while offline: " + device.published());

                gw.restartGateway();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (distinct(arrived).size() < device.published() - 2 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                device.stop();
                Thread.sleep(2000);
                long published = device.published();
                Set<String> ids = distinct(arrived);
                // every reading arrived; a redelivery (at least once) may repeat one, the platform stores it once
                assertEquals(
                        published,
                        ids.size(),
                        "published " + published + ", arrived " + arrived.size() + ": "
                                + arrived.subList(0, Math.min(8, arrived.size())));
            } finally {
                scheduler.shutdownNow();
                device.stop();
                if (backend.isConnected()) {
                    backend.disconnect();
                }
                backend.close();
            }
        }
    }

    private static Set<String> distinct(List<String> ids) {
        Set<String> set = ConcurrentHashMap.newKeySet();
        set.addAll(ids);
        return set;
    }

    /** The back end's way: a persistent session that outlives the outage and reconnects by itself. */
    private static MqttClient persistentBackend(RunningGateway gw, List<String> arrived) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + gw.mqttPort, "outage-backend", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(RunningGateway.BACKEND_USER);
        o.setPassword(RunningGateway.BACKEND_PASSWORD.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        client.setCallback(new MqttCallback() {
            public void disconnected(MqttDisconnectResponse response) {}

            public void mqttErrorOccurred(MqttException exception) {}

            public void messageArrived(String topic, MqttMessage message) {
                for (UserProperty p : message.getProperties().getUserProperties()) {
                    if (p.getKey().equals(org.iotplatform.protocol.PropertyBag.USER_PROPERTY)) {
                        arrived.add(p.getValue().split("&")[0]);
                    }
                }
            }

            public void deliveryComplete(IMqttToken token) {}

            public void connectComplete(boolean reconnect, String serverURI) {}

            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        client.connect(o);
        client.subscribe("devices/+/messages/events/#", 1);
        return client;
    }

    private static void await(Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
