package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No device can touch the back end's telemetry subscription: a device that subscribes to the back
 * end's shared filter (or any filter that is not its own) is refused before the broker acts on the
 * filter, and telemetry from every other device keeps reaching the back end.
 */
class BackendSubscriptionTest {

    private static final String SHARED = "$share/iot-platform/devices/+/messages/events/#";
    static RunningGateway gw;
    private org.eclipse.paho.mqttv5.client.MqttClient backend;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start();
        gw.platform.register("attacker");
        gw.platform.register("honest");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    /** The back end as the platform connects: persistent session on the shared subscription. */
    @BeforeEach
    void connectBackend() throws Exception {
        backend = new org.eclipse.paho.mqttv5.client.MqttClient(
                "tcp://127.0.0.1:" + gw.mqttPort, "iot-platform-test-1", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(RunningGateway.BACKEND_USER);
        options.setPassword(RunningGateway.BACKEND_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        // Paho's per-subscription listeners do not match $share filters: take every message here.
        backend.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {}

            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {}

            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
            }

            public void deliveryComplete(IMqttToken token) {}

            public void connectComplete(boolean reconnect, String serverURI) {}

            public void authPacketArrived(
                    int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
        });
        backend.connect(options);
        backend.subscribe(new MqttSubscription[] {new MqttSubscription(SHARED, 1)});
        assertStored("before the attack");
    }

    @AfterEach
    void disconnectBackend() throws Exception {
        backend.disconnect();
        backend.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                SHARED,
                "$share/other/devices/+/messages/events/#",
                "devices/+/messages/events/#",
                "#",
                "devices/#",
                "$share/iot-platform/#",
                "$iothub/#",
                "devices/honest/messages/events/#"
            })
    void mqtt5DeviceSubscribingToAForeignFilterIsRefusedAndStorageGoesOn(String filter) throws Exception {
        var attacker = Clients.v5Device(gw, "attacker", gw.platform.token("attacker", inOneHour()));
        IMqttToken token = attacker.subscribe(
                new MqttSubscription[] {new MqttSubscription(filter, 1)}, new IMqttMessageListener[] {(t, m) -> {}});
        int code = token.getReasonCodes()[0];
        assertTrue(code >= 0x80, "SUBACK for '" + filter + "' was " + code);
        attacker.disconnect();
        attacker.close();
        assertStored("after a device subscribed to " + filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {SHARED, "devices/+/messages/events/#"})
    void mqtt311DeviceSubscribingToTheSharedFilterIsRefusedAndStorageGoesOn(String filter) throws Exception {
        MqttClient attacker = Clients.v3Device(gw, "attacker", "attacker", gw.platform.token("attacker", inOneHour()));
        try {
            int[] granted = attacker.subscribeWithResponse(new String[] {filter}, new int[] {1})
                    .getGrantedQos();
            assertTrue(granted[0] == 0x80, "SUBACK for '" + filter + "' was " + granted[0]);
        } catch (org.eclipse.paho.client.mqttv3.MqttException refused) {
            // Paho v3 reports a 0x80 SUBACK as an exception
        }
        if (attacker.isConnected()) {
            attacker.disconnect();
        }
        attacker.close();
        assertStored("after a 3.1.1 device subscribed to " + filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {SHARED, "devices/+/messages/events/#"})
    void deviceUnsubscribingFromTheSharedFilterChangesNothing(String filter) throws Exception {
        var attacker = Clients.v5Device(gw, "attacker", gw.platform.token("attacker", inOneHour()));
        attacker.unsubscribe(filter);
        attacker.disconnect();
        attacker.close();
        MqttClient v3 = Clients.v3Device(gw, "attacker", "attacker", gw.platform.token("attacker", inOneHour()));
        v3.unsubscribe(filter);
        v3.disconnect();
        v3.close();
        assertStored("after a device unsubscribed from " + filter);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "devices.*.messages.events.#::iot-platform.devices.*.messages.events.#",
                "devices.*.messages.events.#",
                "devices.#"
            })
    void amqpDeviceReceivingFromTheBackEndsQueueIsRefusedAndStorageGoesOn(String address) throws Exception {
        jakarta.jms.Connection connection = new org.apache.qpid.jms.JmsConnectionFactory(
                        "amqp://127.0.0.1:" + gw.amqpPort + "?amqp.saslMechanisms=PLAIN&jms.connectTimeout=10000")
                .createConnection("attacker", gw.platform.token("attacker", inOneHour()));
        try {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            org.junit.jupiter.api.Assertions.assertThrows(
                    jakarta.jms.JMSException.class,
                    () -> session.createConsumer(session.createTopic(address)).receive(500));
        } finally {
            connection.close();
        }
        assertStored("after an AMQP device tried to receive from " + address);
    }

    /** Telemetry of another device arrives at the back end. */
    private void assertStored(String when) throws Exception {
        var honest = Clients.v5Device(gw, "honest", gw.platform.token("honest", inOneHour()));
        String marker = "{\"n\":\"" + System.nanoTime() + "\"}";
        honest.publishWithToken(
                        "devices/honest/messages/events/",
                        new org.eclipse.paho.mqttv5.common.MqttMessage(
                                marker.getBytes(StandardCharsets.UTF_8), 1, false, null))
                .waitForCompletion(5000);
        honest.disconnect();
        honest.close();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            Received r = received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.payload().equals(marker)) {
                return;
            }
        }
        assertNotNull(null, "telemetry of another device did not reach the back end " + when);
    }
}
