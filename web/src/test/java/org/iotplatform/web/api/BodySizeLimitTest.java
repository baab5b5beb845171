package org.iotplatform.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import org.iotplatform.web.api.devices.DeviceResource;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    private static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    private static void assertTooLarge(Response answer, long limit) {
        assertEquals(413, answer.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, answer.getMediaType());
        assertEquals(
                new ApiError("payload-too-large", "the request body is larger than " + limit + " bytes"),
                answer.getEntity());
    }

    @Test
    void aBodyOfTheLimitIsReadWhole() throws Exception {
        assertEquals(100, BodySizeLimit.bounded(bytes(100), 100).readAllBytes().length);
        assertEquals(0, BodySizeLimit.bounded(bytes(0), 100).readAllBytes().length);
    }

    @Test
    void oneByteMoreIsA413() {
        ClientErrorException e = assertThrows(
                ClientErrorException.class,
                () -> BodySizeLimit.bounded(bytes(101), 100).readAllBytes());
        assertTooLarge(e.getResponse(), 100);
        InputStream tenMegabytes = BodySizeLimit.bounded(bytes(10 * 1024 * 1024), BodySizeLimit.DEFAULT_MAX_BODY);
        assertThrows(ClientErrorException.class, () -> {
            while (tenMegabytes.read() >= 0) {
                // byte by byte, as some readers do
            }
        });
    }

    @Test
    void importsHaveTheirOwnLimit() throws Exception {
        BodySizeLimit limit = new BodySizeLimit(10, 20);
        assertEquals(
                20,
                limit.limitFor(DeviceResource.class.getMethod(
                        "importDevices", jakarta.ws.rs.core.HttpHeaders.class, InputStream.class)));
        assertEquals(10, limit.limitFor(DeviceResource.class.getMethod("get", String.class)));
        assertEquals(10, limit.limitFor(null));
    }

    /** A request with {@code length} (-1: chunked) and a body of {@code size} bytes; records what the filter does. */
    private static ContainerRequestContext request(
            long length, int size, AtomicReference<Response> aborted, AtomicReference<InputStream> stream) {
        stream.set(bytes(size));
        return (ContainerRequestContext) Proxy.newProxyInstance(
                BodySizeLimitTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hasEntity" -> size > 0;
                    case "getHeaderString" -> length < 0 ? null : String.valueOf(length);
                    case "getEntityStream" -> stream.get();
                    case "setEntityStream" -> {
                        stream.set((InputStream) args[0]);
                        yield null;
                    }
                    case "abortWith" -> {
                        aborted.set((Response) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        AtomicReference<Response> aborted = new AtomicReference<>();
        AtomicReference<InputStream> stream = new AtomicReference<>();
        new BodySizeLimit(1000, 5000).filter(request(10 * 1024 * 1024, 10, aborted, stream));
        assertTooLarge(aborted.get(), 1000);
    }

    @Test
    void contentLengthsPastIntAreRefusedToo() {
        AtomicReference<Response> aborted = new AtomicReference<>();
        AtomicReference<InputStream> stream = new AtomicReference<>();
        new BodySizeLimit(1000, 5000).filter(request(3_000_000_000L, 10, aborted, stream));
        assertTooLarge(aborted.get(), 1000);
        assertEquals(-1, BodySizeLimit.declaredLength("lots"));
        assertEquals(-1, BodySizeLimit.declaredLength(null));
    }

    @Test
    void aChunkedBodyIsCutOffWhereItPassesTheLimit() throws Exception {
        AtomicReference<Response> aborted = new AtomicReference<>();
        AtomicReference<InputStream> stream = new AtomicReference<>();
        new BodySizeLimit(1000, 5000).filter(request(-1, 1001, aborted, stream));
        assertNull(aborted.get());
        assertTooLarge(
                assertThrows(ClientErrorException.class, () -> stream.get().readAllBytes())
                        .getResponse(),
                1000);

        new BodySizeLimit(1000, 5000).filter(request(-1, 1000, aborted, stream));
        assertEquals(1000, stream.get().readAllBytes().length);
        assertNull(aborted.get());
    }
}
