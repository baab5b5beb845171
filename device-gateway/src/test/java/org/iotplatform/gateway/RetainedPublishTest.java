package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.junit.jupiter.api.Test;

/** A device's retained publish is delivered once, marked, and never kept for later subscribers. */
class RetainedPublishTest extends OneGatewayPerClass {

    @Test
    void retainedTelemetryIsDeliveredWithItsMarkButNotKeptInTheBroker() throws Exception {
        gw.platform.register("retainer");
        try (Backend live = new Backend(gw, "devices/retainer/messages/events/#")) {
            MqttClient device =
                    Clients.v3Device(gw, "retainer", "retainer", gw.platform.token("retainer", inOneHour()));
            device.publish(
                    "devices/retainer/messages/events/$.mid=r1", "{\"t\":1}".getBytes(StandardCharsets.UTF_8), 1, true);
            Received got = live.next(Duration.ofSeconds(5));
            assertNotNull(got, "the live subscriber gets the message");
            assertTrue(got.topic().contains("mqtt-retain=true"), got.topic());
            device.disconnect();
            device.close();
        }
        try (Backend later = new Backend(gw, "devices/retainer/messages/events/#")) {
            // a retained copy would be handed over with the SUBACK
            List<Received> replayed = later.drain(Duration.ofSeconds(1));
            assertEquals(List.of(), replayed, "a later subscriber gets no retained copy");
        }
    }
}
