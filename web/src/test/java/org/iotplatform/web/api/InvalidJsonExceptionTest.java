package org.iotplatform.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iotplatform.protocol.gateway.ConnectionEvent;
import org.iotplatform.web.api.devices.DeviceViews.DeviceChange;
import org.iotplatform.web.api.devices.DeviceViews.DeviceRecord;
import org.iotplatform.web.api.devices.DeviceViews.NewDevice;
import org.iotplatform.web.api.routing.RouteResource.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API's JSON-B binding (Yasson, as Payara runs it) and the reasons its refusals are answered with. */
class InvalidJsonExceptionTest {

    private static final Type EVENTS = new ConnectionEvent[0].getClass();

    private static String refusal(String json, Type type) {
        JsonbException e =
                assertThrows(JsonbException.class, () -> ApiJsonb.jsonb().fromJson(json, type));
        // as Jersey's JSON-B reader hands it on
        String reason = InvalidJsonException.of(
                        new ProcessingException("Error deserializing object from entity stream.", e))
                .getMessage();
        for (String internal : List.of("org.", "java.", "Exception", "yasson", "Yasson", "jakarta")) {
            assertFalse(reason.contains(internal), reason);
        }
        return reason;
    }

    @Test
    void wrongTypesNameTheFieldAndBothTypes() {
        assertEquals(
                "field 'tags' must be an object, not a string",
                refusal("{\"deviceId\":\"d1\",\"tags\":\"x\"}", NewDevice.class));
        assertEquals(
                "field 'deviceId' must be a string, not an object",
                refusal("{\"deviceId\":{\"id\":\"d1\"}}", NewDevice.class));
        assertEquals(
                "field 'deviceId' must be a string, not an array", refusal("{\"deviceId\":[\"d1\"]}", NewDevice.class));
        assertEquals(
                "field 'tags' must be a string, not an object",
                refusal("{\"deviceId\":\"d1\",\"tags\":{\"a\":{\"b\":\"c\"}}}", NewDevice.class));
        assertEquals(
                "the body must be an array, not an object", refusal("{\"deviceId\":\"d1\"}", DeviceRecord[].class));
    }

    @Test
    void yassonAloneWouldCoerce() throws Exception {
        // why ApiJsonb has deserializers of its own: the defaults take these without a word
        try (Jsonb lenient = JsonbBuilder.create()) {
            assertEquals(
                    "123",
                    lenient.fromJson("{\"deviceId\":123}", NewDevice.class).deviceId());
            assertEquals(
                    1,
                    lenient.fromJson("{\"telemetryRetentionDays\":1.5}", DeviceChange.class)
                            .telemetryRetentionDays());
            assertEquals(
                    false,
                    lenient.fromJson("{\"enabled\":1}", RouteDefinition.class).enabled());
            assertEquals(
                    "b",
                    lenient.fromJson("{\"deviceId\":\"a\",\"deviceId\":\"b\"}", NewDevice.class)
                            .deviceId());
        }
    }

    @Test
    void noCoercion() {
        assertEquals("field 'deviceId' must be a string, not a number", refusal("{\"deviceId\":123}", NewDevice.class));
        assertEquals(
                "field 'deviceId' must be a string, not a boolean", refusal("{\"deviceId\":true}", NewDevice.class));
        assertEquals(
                "field 'tags' must be a string, not a number",
                refusal("{\"deviceId\":\"d1\",\"tags\":{\"floor\":3}}", NewDevice.class));
        String days = "field 'telemetryRetentionDays' must be a whole number from -2147483648 to 2147483647";
        assertEquals(
                days + ", not a fractional number", refusal("{\"telemetryRetentionDays\":1.5}", DeviceChange.class));
        assertEquals(days + ", not a string", refusal("{\"telemetryRetentionDays\":\"7\"}", DeviceChange.class));
        assertEquals(days, refusal("{\"telemetryRetentionDays\":99999999999}", DeviceChange.class));
        assertEquals(days, refusal("{\"telemetryRetentionDays\":1" + "0".repeat(40) + "}", DeviceChange.class));
        assertEquals(
                "field 'enabled' must be true or false, not a number",
                refusal("{\"enabled\":1}", RouteDefinition.class));
        assertEquals(
                "field 'enabled' must be true or false, not a string",
                refusal("{\"enabled\":\"true\"}", RouteDefinition.class));
    }

    @Test
    void unknownFieldsAreRefused() {
        assertEquals("unknown field 'foo'", refusal("{\"deviceId\":\"d1\",\"foo\":1}", NewDevice.class));
        assertEquals("unknown field 'nope'", refusal("[{\"deviceId\":\"d1\",\"nope\":1}]", EVENTS));
        assertEquals(
                "unknown field 'primary'", refusal("[{\"deviceId\":\"d1\",\"primary\":\"k\"}]", DeviceRecord[].class));
    }

    @Test
    void timesSayWhatToSend() {
        assertEquals(
                "field 'at' must be an ISO-8601 UTC time such as \"2026-11-26T10:00:00Z\", not a number",
                refusal("[{\"deviceId\":\"d1\",\"event\":\"connected\",\"at\":5}]", EVENTS));
        assertEquals(
                "field 'at' must be an ISO-8601 UTC time such as \"2026-11-26T10:00:00Z\"",
                refusal("[{\"deviceId\":\"d1\",\"event\":\"connected\",\"at\":\"yesterday\"}]", EVENTS));
    }

    @Test
    void malformedJsonGivesItsPlace() {
        assertEquals("malformed JSON at line 1 column 13", refusal("{\"deviceId\":x}", NewDevice.class));
        assertTrue(refusal("{\"deviceId\":\"d1\",\n", NewDevice.class).startsWith("malformed JSON at line 2 column "));
    }

    @Test
    void validBodiesBindAsBefore() {
        assertEquals(
                new NewDevice("d1", Map.of("station", "north"), null),
                ApiJsonb.jsonb()
                        .fromJson(
                                "{\"deviceId\":\"d1\",\"tags\":{\"station\":\"north\"},\"status\":null}",
                                NewDevice.class));
        assertEquals(
                new DeviceChange(null, null, 7),
                ApiJsonb.jsonb().fromJson("{\"telemetryRetentionDays\":7}", DeviceChange.class));
        assertEquals(
                new RouteDefinition("r", null, null, null, false),
                ApiJsonb.jsonb().fromJson("{\"name\":\"r\",\"enabled\":false}", RouteDefinition.class));
        ConnectionEvent[] events = ApiJsonb.jsonb()
                .fromJson(
                        "[{\"deviceId\":\"d1\",\"event\":\"connected\",\"at\":\"2026-11-26T10:00:00.123456789Z\",\"protocol\":\"mqtt\","
                                + "\"remoteAddress\":null}]",
                        EVENTS);
        assertEquals(Instant.parse("2026-11-26T10:00:00.123456789Z"), events[0].at());
    }

    @Test
    void writingIsUnchanged() {
        // Yasson's defaults: properties in alphabetical order, nulls left out
        assertEquals(
                "{\"status\":\"disabled\",\"tags\":{\"a\":\"b\"}}",
                ApiJsonb.jsonb().toJson(new DeviceChange("disabled", Map.of("a", "b"), null)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Some other failure | the body is not the JSON this request takes",
                "Unable to deserialize property 'x' because of: something new | field 'x' does not hold what this request takes"
            })
    void anythingUnrecognisedIsDescribedWithoutItsInsides(String message, String reason) {
        assertEquals(
                reason,
                InvalidJsonException.of(new JsonbException(message, new IllegalStateException("org.x.Y broke")))
                        .getMessage());
    }
}
