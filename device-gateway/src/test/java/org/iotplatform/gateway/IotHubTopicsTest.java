package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.junit.jupiter.api.Test;

/**
 * IoT Hub's id-less {@code $iothub/...} topics: each device sees only its own methods and twin traffic,
 * and the back end addresses one device by {@code $iothub/<id>/...}.
 */
class IotHubTopicsTest extends OneGatewayPerClass {

    @Test
    void aMethodRequestReachesOnlyItsDeviceAndTheReplyComesBackUnderThatDevice() throws Exception {
        gw.platform.register("hub-a");
        gw.platform.register("hub-b");
        try (Backend backend = new Backend(gw, "$iothub/+/methods/res/#")) {
            Device a = new Device("hub-a");
            Device b = new Device("hub-b");
            MqttMessage request = new MqttMessage("{\"rpm\":1200}".getBytes(StandardCharsets.UTF_8));
            request.setQos(1);
            org.eclipse.paho.mqttv5.common.MqttMessage v5 =
                    new org.eclipse.paho.mqttv5.common.MqttMessage(request.getPayload());
            v5.setQos(1);
            backend.client().publish("$iothub/hub-a/methods/POST/setSpeed/?$rid=7", v5);

            Received got = a.next();
            assertNotNull(got, "device a got no request");
            assertEquals("$iothub/methods/POST/setSpeed/?$rid=7", got.topic(), "the device sees IoT Hub's topic");
            assertEquals("{\"rpm\":1200}", got.payload());
            assertNull(b.next(), "device b must not see a's request");

            // the back end's way: a fixed topic, the request id ahead of the payload (no broker address per request)
            org.eclipse.paho.mqttv5.common.MqttMessage enveloped = new org.eclipse.paho.mqttv5.common.MqttMessage(
                    "\u0000$rid=8\n{\"rpm\":900}".getBytes(StandardCharsets.UTF_8));
            enveloped.setQos(1);
            backend.client().publish("$iothub/hub-a/methods/POST/setSpeed/", enveloped);
            Received bagged = a.next();
            assertNotNull(bagged, "device a got no request with its id ahead of the payload");
            assertEquals("$iothub/methods/POST/setSpeed/?$rid=8", bagged.topic());
            assertEquals("{\"rpm\":900}", bagged.payload(), "the device gets the payload alone");

            a.client.publish(
                    "$iothub/methods/res/200/?$rid=7",
                    new MqttMessage("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));
            Received reply = backend.next(Duration.ofSeconds(5));
            assertNotNull(reply, "the back end got no reply");
            // the request id travels in the property bag, so no broker address is made per request
            assertEquals("$iothub/hub-a/methods/res/200/$rid=7", reply.topic());
            assertEquals("{\"ok\":true}", reply.payload());
            a.close();
            b.close();
        }
    }

    @Test
    void twinTrafficIsPerDevice() throws Exception {
        gw.platform.register("hub-c");
        try (Backend backend = new Backend(gw, "$iothub/+/twin/#")) {
            Device c = new Device("hub-c");
            c.client.publish("$iothub/twin/GET/?$rid=1", new MqttMessage(new byte[0]));
            Received get = backend.next(Duration.ofSeconds(5));
            assertNotNull(get);
            assertEquals("$iothub/hub-c/twin/GET/$rid=1", get.topic());

            org.eclipse.paho.mqttv5.common.MqttMessage desired = new org.eclipse.paho.mqttv5.common.MqttMessage(
                    "{\"interval\":10,\"$version\":2}".getBytes(StandardCharsets.UTF_8));
            desired.setQos(1);
            backend.client().publish("$iothub/hub-c/twin/PATCH/properties/desired/?$version=2", desired);
            Received patch = c.next();
            assertNotNull(patch);
            assertEquals("$iothub/twin/PATCH/properties/desired/?$version=2", patch.topic());

            c.client.unsubscribe("$iothub/twin/PATCH/properties/desired/#");
            backend.client().publish("$iothub/hub-c/twin/PATCH/properties/desired/?$version=3", desired);
            assertNull(c.next(), "unsubscribed from its own desired topic");
            c.close();
        }
    }

    /** An Azure-SDK-like device: MQTT 3.1.1, subscribed to the id-less topics. */
    private static final class Device {
        final MqttClient client;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        Device(String id) throws Exception {
            client = Clients.v3Device(gw, id, Clients.mqttUsername(id), gw.platform.token(id, inOneHour()));
            client.subscribe(
                    new String[] {
                        "$iothub/methods/POST/#", "$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#"
                    },
                    new int[] {1, 1, 1},
                    new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {this::add, this::add, this::add});
        }

        private void add(String topic, MqttMessage message) {
            received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
        }

        Received next() throws InterruptedException {
            return received.poll(2, TimeUnit.SECONDS);
        }

        void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}
