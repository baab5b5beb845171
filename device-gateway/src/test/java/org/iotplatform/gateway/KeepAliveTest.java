package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.junit.jupiter.api.Test;

/**
 * Devices keep their own keep-alive. Artemis would otherwise impose 60 s, which an MQTT 3.1.1
 * device cannot learn of: a device pinging every 230 s (the Azure SDK) would be dropped after 90 s.
 * An MQTT 5 CONNACK shows the override when there is one.
 */
class KeepAliveTest extends OneGatewayPerClass {

    @Test
    void theServerDoesNotOverrideALongDeviceKeepAlive() throws Exception {
        gw.platform.register("sleepy-pump");
        MqttClient device = new MqttClient("tcp://127.0.0.1:" + gw.mqttPort, "sleepy-pump", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(Clients.mqttUsername("sleepy-pump"));
        options.setPassword(gw.platform.token("sleepy-pump", inOneHour()).getBytes(StandardCharsets.UTF_8));
        options.setKeepAliveInterval(230);
        IMqttToken connack = device.connectWithResult(options);
        assertNull(
                connack.getResponseProperties().getServerKeepAlive(),
                "the gateway overrode the device's keep-alive of 230 s");
        device.disconnect();
        device.close();
    }
}
