package org.iotplatform.web.api;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import org.apache.commons.io.input.BoundedInputStream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code 413 payload-too-large} for request bodies over {@code iot.api.max-body-bytes} (default 1 MiB;
 * {@code iot.api.max-import-bytes}, default 16 MiB, for {@link LargeBody} methods): at once when
 * Content-Length says so, and while reading when a chunked body grows past the limit.
 */
@Provider
public class BodySizeLimit implements ContainerRequestFilter {

    static final long DEFAULT_MAX_BODY = 1024 * 1024;
    static final long DEFAULT_MAX_IMPORT = 16 * 1024 * 1024;

    private final long maxBody;
    private final long maxImport;

    @Context
    ResourceInfo resource;

    public BodySizeLimit() {
        Config config = ConfigProvider.getConfig();
        this.maxBody =
                config.getOptionalValue("iot.api.max-body-bytes", Long.class).orElse(DEFAULT_MAX_BODY);
        this.maxImport =
                config.getOptionalValue("iot.api.max-import-bytes", Long.class).orElse(DEFAULT_MAX_IMPORT);
    }

    BodySizeLimit(long maxBody, long maxImport) {
        this.maxBody = maxBody;
        this.maxImport = maxImport;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limitFor(resource == null ? null : resource.getResourceMethod());
        // the announced length first: hasEntity() reads from the connection, and a client that
        // announces megabytes and sends nothing would hold the request until the read times out
        if (declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)) > limit) {
            request.abortWith(tooLarge(limit));
            return;
        }
        boolean hasEntity;
        try {
            hasEntity = request.hasEntity();
        } catch (jakarta.ws.rs.ProcessingException unreadable) {
            request.abortWith(jakarta.ws.rs.core.Response.status(400)
                    .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("invalid-request", "the request body could not be read"))
                    .build());
            return;
        }
        if (hasEntity) {
            request.setEntityStream(bounded(request.getEntityStream(), limit));
        }
    }

    /** Content-Length as a long: Jersey's getLength() throws an unmapped ProcessingException past 2 GB. */
    static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // the bounded stream still counts
        }
    }

    long limitFor(Method method) {
        return method != null && method.isAnnotationPresent(LargeBody.class) ? maxImport : maxBody;
    }

    /**
     * The body up to {@code limit} bytes; past that, reading throws a 413 carrying its answer. Unchecked on
     * purpose: Jersey turns an IOException from a body into a ProcessingException, which reaches no
     * exception mapper, while a WebApplicationException with an entity is answered as it is.
     */
    static InputStream bounded(InputStream body, long limit) {
        try {
            return BoundedInputStream.builder()
                    .setInputStream(body)
                    .setMaxCount(limit + 1) // one byte over, so a body of exactly the limit reads to its end
                    .setOnMaxCount((max, count) -> {
                        throw new ClientErrorException(tooLarge(limit));
                    })
                    .get();
        } catch (IOException e) {
            throw new IllegalStateException(e); // the builder reads nothing
        }
    }

    static Response tooLarge(long limit) {
        return ApiError.response(413, "payload-too-large", "the request body is larger than " + limit + " bytes");
    }
}
