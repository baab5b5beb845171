package org.iotplatform.gateway.broker;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * Direct-method calls are not written to the broker's journal (nobody waits for them after a
 * restart), while cloud-to-device messages for the same offline device survive it.
 */
class TransientMethodCallsTest {

    private static final String[] FILTERS = {"$iothub/methods/POST/#", "devices/parked-1/messages/devicebound/#"};

    @Test
    void aQueuedMethodRequestDoesNotOutliveAGatewayRestartButACloudToDeviceMessageDoes() throws Exception {
        try (RunningGateway gw = RunningGateway.start()) {
            gw.platform.register("parked-1");
            BlockingQueue<Received> received = new LinkedBlockingQueue<>();
            MqttClient device = persistentDevice(gw, received);
            device.disconnect(); // offline; its session (a durable queue) stays
            device.close();

            try (Backend backend = new Backend(gw, "$iothub/+/methods/res/#")) {
                MqttMessage request = new MqttMessage("\u0000$rid=1\n{\"rpm\":900}".getBytes(StandardCharsets.UTF_8));
                request.setQos(1);
                backend.client().publish("$iothub/parked-1/methods/POST/setSpeed/", request);
                MqttMessage c2d = new MqttMessage("refill".getBytes(StandardCharsets.UTF_8));
                c2d.setQos(1);
                backend.client().publish("devices/parked-1/messages/devicebound/%24.mid=m1", c2d);
            }
            gw.stopGateway();
            gw.restartGateway();

            MqttClient again = persistentDevice(gw, received);
            Received first = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(first, "the cloud-to-device message survived the restart");
            assertTrue(first.topic().startsWith("devices/parked-1/messages/devicebound/"), first.topic());
            assertEquals("refill", first.payload());
            assertNull(received.poll(2, TimeUnit.SECONDS), "the method request was not kept across the restart");
            again.disconnect();
            again.close();
        }
    }

    @Test
    void methodTopicsAreRecognisedInTheirBrokerForm() {
        assertTrue(TransientMethodCalls.isMethodCall("$iothub.pump-1.methods.POST.setSpeed."));
        assertTrue(TransientMethodCalls.isMethodCall("$iothub.pump-1.methods.res.200."));
        for (String durable : List.of(
                "$iothub.pump-1.twin.PATCH.properties.reported.",
                "devices.pump-1.messages.events.",
                "devices.pump-1.messages.devicebound.%24.mid=m1",
                "$iothub.pump-1.twin.res.200.")) {
            assertTrue(!TransientMethodCalls.isMethodCall(durable), durable);
        }
    }

    /** An MQTT 3.1.1 device with a persistent session, subscribed to methods and its C2D messages. */
    private static MqttClient persistentDevice(RunningGateway gw, BlockingQueue<Received> received) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + gw.mqttPort, "parked-1", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setUserName(Clients.mqttUsername("parked-1"));
        options.setPassword(gw.platform.token("parked-1", inOneHour()).toCharArray());
        options.setAutomaticReconnect(false);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            public void connectionLost(Throwable cause) {}

            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
            }

            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
        client.connect(options);
        IMqttMessageListener listener = (topic, message) ->
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
        client.subscribe(FILTERS, new int[] {1, 1}, new IMqttMessageListener[] {listener, listener});
        return client;
    }
}
