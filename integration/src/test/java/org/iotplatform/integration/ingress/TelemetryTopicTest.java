package org.iotplatform.integration.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetryTopicTest {

    @Test
    void readsTheDeviceAndThePropertyBag() {
        TelemetryTopic t = TelemetryTopic.parse(
                        "devices/plant.a:pump-7/messages/events/$.mid=m-42&$.ct=application%2Fjson&alert=true")
                .orElseThrow();
        assertEquals("plant.a:pump-7", t.deviceId().value());
        assertEquals(Map.of("$.mid", "m-42", "$.ct", "application/json", "alert", "true"), t.properties());
        assertEquals(Optional.of("m-42"), t.messageId());
    }

    @Test
    void acceptsTheBareTopicsWithAndWithoutSlash() {
        assertEquals(
                "d1",
                TelemetryTopic.parse("devices/d1/messages/events/")
                        .orElseThrow()
                        .deviceId()
                        .value());
        assertEquals(
                "d1",
                TelemetryTopic.parse("devices/d1/messages/events")
                        .orElseThrow()
                        .deviceId()
                        .value());
        assertTrue(TelemetryTopic.parse("devices/d1/messages/events/")
                .orElseThrow()
                .messageId()
                .isEmpty());
    }

    @Test
    void refusesWhatIsNotATelemetryTopic() {
        assertTrue(TelemetryTopic.parse("devices/d1/messages/devicebound/x").isEmpty());
        assertTrue(TelemetryTopic.parse("devices/bad id/messages/events/").isEmpty());
        assertTrue(TelemetryTopic.parse("$iothub/twin/GET").isEmpty());
        assertTrue(TelemetryTopic.parse("devices/d1/messages/eventsX").isEmpty());
        assertTrue(TelemetryTopic.parse(null).isEmpty());
    }
}
