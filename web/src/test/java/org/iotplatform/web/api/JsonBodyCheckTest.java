package org.iotplatform.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.iotplatform.web.api.devices.DeviceViews.DeviceRecord;
import org.iotplatform.web.api.devices.DeviceViews.NewDevice;
import org.junit.jupiter.api.Test;

class JsonBodyCheckTest {

    private static String refusal(String body, Class<?> target) {
        return assertThrows(
                        InvalidJsonException.class,
                        () -> JsonBodyCheck.check(body.getBytes(StandardCharsets.UTF_8), target))
                .getMessage();
    }

    private static void accepted(String body, Class<?> target) {
        assertDoesNotThrow(() -> JsonBodyCheck.check(body.getBytes(StandardCharsets.UTF_8), target));
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void malformedJsonIsRefusedWithItsPlace() {
        assertEquals("malformed JSON at line 1 column 13", refusal("{\"deviceId\":x}", NewDevice.class));
        assertTrue(refusal("{\"deviceId\":\"d1\"} trailing", NewDevice.class)
                .startsWith("malformed JSON at line 1 column "));
        assertTrue(refusal("{\"deviceId\":", String.class).startsWith("malformed JSON"));
        assertTrue(refusal("{\"a\":1}{\"a\":2}", String.class).startsWith("malformed JSON"));
    }

    @Test
    void aKeyTwiceInOneObjectIsRefused() {
        assertEquals(
                "field 'deviceId' appears twice in an object",
                refusal("{\"deviceId\":\"a\",\"deviceId\":\"b\"}", NewDevice.class));
        assertEquals(
                "field 'k' appears twice in an object",
                refusal("{\"payload\":{\"k\":1,\"x\":[{\"k\":1}],\"k\":2}}", String.class));
        accepted("[{\"deviceId\":\"a\"},{\"deviceId\":\"b\"}]", DeviceRecord[].class);
        accepted("{\"k\":{\"k\":{\"k\":1}}}", String.class);
    }

    @Test
    void nestingIsLimitedWithoutOverflowingTheStack() {
        accepted("{\"payload\":" + nested(JsonBodyCheck.MAX_DEPTH - 1) + "}", String.class);
        String deeper = "the body nests deeper than " + JsonBodyCheck.MAX_DEPTH + " levels";
        assertEquals(deeper, refusal("{\"payload\":" + nested(JsonBodyCheck.MAX_DEPTH) + "}", String.class));
        assertEquals(deeper, refusal(nested(200), String.class));
        assertEquals(deeper, refusal(nested(5000), String.class));
        assertEquals(deeper, refusal("{\"a\":".repeat(5000) + "1" + "}".repeat(5000), String.class));
        assertEquals(deeper, refusal("[".repeat(100_000), String.class)); // never closed: refused before the end
    }

    @Test
    void theBodyIsAnObjectOrAnArrayWhereTheResourceBindsOne() {
        assertEquals("the body must be a JSON object", refusal("[{\"deviceId\":\"a\"}]", NewDevice.class));
        assertEquals("the body must be a JSON object", refusal("\"d1\"", NewDevice.class));
        assertEquals("the body must be a JSON array", refusal("{\"deviceId\":\"a\"}", DeviceRecord[].class));
        assertEquals("the body must be a JSON array", refusal("{}", List.class));
        accepted("null", NewDevice.class); // the resource answers "body required"
        accepted("  \n", NewDevice.class); // likewise
        accepted("\"any JSON\"", String.class); // resources reading text check it themselves
        accepted("[1]", InputStream.class);
    }

    @Test
    void onlyJsonMediaTypesAreChecked() {
        assertTrue(JsonBodyCheck.isJson(MediaType.APPLICATION_JSON_TYPE));
        assertTrue(JsonBodyCheck.isJson(MediaType.valueOf("application/json; charset=UTF-8")));
        assertTrue(JsonBodyCheck.isJson(MediaType.valueOf("application/merge-patch+json")));
        assertFalse(JsonBodyCheck.isJson(MediaType.valueOf("text/csv")));
        assertFalse(JsonBodyCheck.isJson(MediaType.WILDCARD_TYPE));
        assertFalse(JsonBodyCheck.isJson(null));
    }

    /** A reader context whose reader is {@code reader}: it gets the stream the interceptor passes on. */
    private static ReaderInterceptorContext context(String mediaType, Class<?> type, String body, Reader reader) {
        AtomicReference<InputStream> stream =
                new AtomicReference<>(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return (ReaderInterceptorContext) Proxy.newProxyInstance(
                JsonBodyCheckTest.class.getClassLoader(),
                new Class<?>[] {ReaderInterceptorContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMediaType" -> MediaType.valueOf(mediaType);
                    case "getType" -> type;
                    case "getInputStream" -> stream.get();
                    case "setInputStream" -> {
                        stream.set((InputStream) args[0]);
                        yield null;
                    }
                    case "proceed" -> reader.read(stream.get());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private interface Reader {
        Object read(InputStream in) throws Exception;
    }

    @Test
    void theReaderGetsTheBodyAsSent() throws Exception {
        String body = "{\"deviceId\":\"d1\",\"tags\":{\"é\":\"ü\"}}";
        Object read = new JsonBodyCheck()
                .aroundReadFrom(context(
                        "application/json",
                        NewDevice.class,
                        body,
                        in -> new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        assertEquals(body, read);

        byte[] csv = "deviceId\n{not json\n".getBytes(StandardCharsets.UTF_8);
        Object untouched = new JsonBodyCheck()
                .aroundReadFrom(context(
                        "text/csv",
                        InputStream.class,
                        new String(csv, StandardCharsets.UTF_8),
                        InputStream::readAllBytes));
        assertArrayEquals(csv, (byte[]) untouched);
    }

    @Test
    void bindingFailuresBecomeInvalidJson() {
        JsonbException yasson = new JsonbException(
                "Unable to deserialize property 'tags' because of: Incorrect position for "
                        + "processing type: interface java.util.Map. Received event: VALUE_STRING Allowed: [START_OBJECT, START_ARRAY]");
        InvalidJsonException e = assertThrows(
                InvalidJsonException.class,
                () -> new JsonBodyCheck()
                        .aroundReadFrom(context("application/json", NewDevice.class, "{\"tags\":\"x\"}", in -> {
                            throw new ProcessingException("Error deserializing object from entity stream.", yasson);
                        })));
        assertEquals("field 'tags' must be an object, not a string", e.getMessage());

        BadRequestException empty = new BadRequestException();
        assertSame(
                empty,
                assertThrows(
                        BadRequestException.class,
                        () -> new JsonBodyCheck()
                                .aroundReadFrom(context("application/json", NewDevice.class, "", in -> {
                                    throw empty; // Jersey's answer to an empty body: left as it is
                                }))));
    }
}
