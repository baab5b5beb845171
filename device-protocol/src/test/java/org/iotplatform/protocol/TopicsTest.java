package org.iotplatform.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"pump-7", "plant.a:pump-7", "a_b-c.d", "%41", "über", "$probe"})
    void telemetryTopicsRoundTrip(String deviceId) {
        PropertyBag bag = PropertyBag.empty().with("$.mid", "m&1=2").with("temp unit", "°C");
        String topic = DeviceTopics.telemetry(deviceId, bag);

        TelemetryTopic read = TelemetryTopic.parse(topic).orElseThrow();

        assertEquals(deviceId, read.deviceId());
        assertEquals(bag, read.properties());
        assertEquals(Optional.of(deviceId), DeviceTopics.deviceIdOf(topic));
        assertEquals(DeviceTopics.telemetryRoot(deviceId).length(), TelemetryTopic.bagOffset(topic));
    }

    @Test
    void readsTelemetryTopicsWithAndWithoutBag() {
        assertEquals(
                "d1",
                TelemetryTopic.parse("devices/d1/messages/events/")
                        .orElseThrow()
                        .deviceId());
        assertEquals(
                "d1",
                TelemetryTopic.parse("devices/d1/messages/events").orElseThrow().deviceId());
        assertTrue(TelemetryTopic.parse("devices/d1/messages/events/")
                .orElseThrow()
                .messageId()
                .isEmpty());
        assertEquals(
                Map.of("$.mid", "m-42", "$.ct", "application/json", "alert", "true"),
                TelemetryTopic.parse(
                                "devices/plant.a:pump-7/messages/events/$.mid=m-42&$.ct=application%2Fjson&alert=true")
                        .orElseThrow()
                        .properties()
                        .asMap());
    }

    @Test
    void refusesWhatIsNotATelemetryTopic() {
        for (String topic : new String[] {
            "devices/d1/messages/devicebound/x",
            "devices/d1/messages/eventsX",
            "devices/a/b/messages/events/",
            "devices//messages/events/",
            "$iothub/twin/GET",
            "devices/d1",
            ""
        }) {
            assertTrue(TelemetryTopic.parse(topic).isEmpty(), topic);
            assertEquals(-1, TelemetryTopic.bagOffset(topic), topic);
        }
        assertTrue(TelemetryTopic.parse(null).isEmpty());
    }

    @Test
    void deviceIdOfBothForms() {
        assertEquals(Optional.of("d.1"), DeviceTopics.deviceIdOf("devices/d.1/messages/devicebound/#"));
        assertEquals(Optional.of("d.1"), DeviceTopics.deviceIdOf("$iothub/d.1/twin/GET/"));
        assertTrue(DeviceTopics.deviceIdOf("$share/iot-platform/devices/+/messages/events/#")
                .isEmpty());
        assertTrue(DeviceTopics.deviceIdOf("devices/").isEmpty());
        assertTrue(DeviceTopics.deviceIdOf(null).isEmpty());
    }

    @Test
    void iotHubDeviceTopics() {
        assertEquals("$iothub/methods/POST/reboot/?$rid=7", DeviceTopics.methodRequest("reboot", "7"));
        assertEquals("$iothub/methods/res/200/?$rid=7", DeviceTopics.methodResponse(200, "7"));
        assertEquals("$iothub/twin/GET/?$rid=a", DeviceTopics.twinGet("a"));
        assertEquals("$iothub/twin/PATCH/properties/reported/?$rid=b", DeviceTopics.twinReported("b"));
        assertEquals("devices/d/messages/devicebound/#", DeviceTopics.cloudToDeviceFilter("d"));
        assertEquals("/devices/d/messages/events", DeviceTopics.amqpTelemetry("d"));
        assertEquals("/devices/d/messages/devicebound", DeviceTopics.amqpCloudToDevice("d"));
        assertEquals(Optional.of(204), DeviceTopics.twinResponseStatus("$iothub/twin/res/204/?$rid=1&$version=3"));
        assertTrue(DeviceTopics.twinResponseStatus("$iothub/twin/res/x/").isEmpty());
        assertEquals(new TopicQuery("1", 3L), DeviceTopics.query("$iothub/twin/res/204/?$rid=1&$version=3"));
    }

    @Test
    void whatADeviceReadsOffItsTopics() {
        String request = DeviceTopics.methodRequest("set-speed", "r 9");
        assertEquals(Optional.of("set-speed"), DeviceTopics.methodName(request));
        assertEquals("r 9", DeviceTopics.query(request).requestId());
        assertTrue(DeviceTopics.methodName("$iothub/methods/POST//?$rid=1").isEmpty());
        assertTrue(DeviceTopics.methodName("$iothub/twin/res/200/").isEmpty());
        PropertyBag bag = PropertyBag.empty().with("$.mid", "m 1").with("command", "stop");
        assertEquals(bag, DeviceTopics.cloudToDeviceProperties(DeviceTopics.cloudToDevice("d.1", bag)));
        assertTrue(DeviceTopics.cloudToDeviceProperties("devices/d/messages/events/a=b")
                .isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "a&b=c", "uuid-0f4c", "with space", "100%"})
    void requestIdsRoundTrip(String requestId) {
        assertEquals(
                requestId,
                DeviceTopics.query(DeviceTopics.methodRequest("m", requestId)).requestId());
        TopicQuery q = new TopicQuery(requestId, 42L);
        assertEquals(q, TopicQuery.parse(q.format()));
        assertEquals(new TopicQuery(null, null), TopicQuery.parse("$version=not-a-number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pump-7", "plant.a:pump-7", "x+y"})
    void backendFormsCarryTheDeviceId(String deviceId) {
        String request = BackendTopics.methodRequest(deviceId, "reboot");
        assertEquals("$iothub/" + deviceId + "/methods/POST/reboot/", request);
        assertEquals(Optional.of("$iothub/methods/POST/reboot/"), BackendTopics.withoutDevice(request, deviceId));
        assertTrue(BackendTopics.withoutDevice(request, deviceId + "x").isEmpty());
        assertEquals(Optional.of(deviceId), DeviceTopics.deviceIdOf(request));
        assertEquals(
                Optional.of(new BackendTopics.MethodAnswer(deviceId, 504)),
                BackendTopics.methodAnswer(BackendTopics.withDevice(DeviceTopics.METHOD_RESPONSES + "504/", deviceId)));
        assertEquals("$iothub/" + deviceId + "/twin/res/200/", BackendTopics.twinResponse(deviceId, 200));
        assertEquals("$iothub/" + deviceId + "/twin/PATCH/properties/desired/", BackendTopics.desired(deviceId));
    }

    @Test
    void methodAnswersThatAreNot() {
        assertTrue(BackendTopics.methodAnswer("$iothub/d/methods/res/abc/").isEmpty());
        assertTrue(BackendTopics.methodAnswer("$iothub/d/methods/POST/x/").isEmpty());
        assertTrue(BackendTopics.methodAnswer("devices/d/methods/res/200/").isEmpty());
        assertTrue(BackendTopics.methodAnswer(null).isEmpty());
    }

    @Test
    void queryAheadOfThePayload() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] framed = QueryAhead.frame(new TopicQuery("r 1", 4L), payload);
        QueryAhead.Framed back = QueryAhead.unframe(framed).orElseThrow();
        assertEquals(new TopicQuery("r 1", 4L), TopicQuery.parse(back.query()));
        assertArrayEquals(payload, back.payload());
        assertTrue(QueryAhead.unframe(payload).isEmpty());
        assertTrue(QueryAhead.unframe(new byte[] {0, 'x'}).isEmpty());
        assertArrayEquals(
                new byte[0],
                QueryAhead.unframe(QueryAhead.frame(TopicQuery.request("1"), new byte[0]))
                        .orElseThrow()
                        .payload());
    }

    @ParameterizedTest
    @ValueSource(strings = {"devices/a.b/messages/events", "devices/a\\b/messages/events/", "$iothub/x.y/twin/GET/"})
    void coreAddressesRoundTrip(String topic) {
        assertEquals(topic, CoreAddresses.toTopic(CoreAddresses.ofTopic(topic)));
    }

    @Test
    void coreAddressOfTelemetry() {
        assertEquals("devices.a\\.b.messages.events", CoreAddresses.telemetry("a.b"));
        assertEquals(CoreAddresses.ofTopic("devices/a.b/messages/events"), CoreAddresses.telemetry("a.b"));
    }
}
