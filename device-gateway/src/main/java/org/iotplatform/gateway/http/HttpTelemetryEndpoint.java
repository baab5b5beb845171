package org.iotplatform.gateway.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.iotplatform.gateway.broker.DeviceAuthenticator;
import org.iotplatform.gateway.broker.InVmTelemetrySender;
import org.iotplatform.gateway.broker.PublishLimits;
import org.iotplatform.gateway.platform.AuthDecision;
import org.iotplatform.gateway.platform.ConnectionEventReporter;
import org.iotplatform.gateway.platform.JsonCodec;
import org.iotplatform.gateway.platform.PlatformUnavailableException;
import org.iotplatform.protocol.PropertyBag;
import org.iotplatform.protocol.gateway.DeviceProtocol;

/**
 * IoT Hub's HTTPS device API for telemetry: {@code POST /devices/<id>/messages/events} with a SAS token
 * in {@code Authorization}, the JSON message as body, an optional {@code iothub-messageid} header (for
 * de-duplication) and {@code iothub-app-<name>} headers (application properties). The message goes into
 * the broker like an MQTT device's publish, under the device's own identity; {@code 204} means the
 * broker has it in its journal. Other answers: {@code 400} (not a telemetry message, with the reason),
 * {@code 401} (no, wrong, expired or another device's token; unknown or disabled device), {@code 413}
 * (body over {@code http-max-body-bytes}), {@code 429} (over the device's publish rate, shared with its
 * MQTT/AMQP publishes), {@code 503} (platform or broker unavailable: try again). Nothing is kept of a
 * refused request: the device was told.
 */
public final class HttpTelemetryEndpoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpTelemetryEndpoint.class.getName());
    private static final Pattern PATH = Pattern.compile("/devices/([^/]+)/messages/events/?");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9\\-._:]{1,128}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final String SAS_PREFIX = "SharedAccessSignature ";
    private static final String APP_PROPERTY = "iothub-app-";
    private static final long SWALLOW_LIMIT = 2L * 1024 * 1024;

    private final DeviceAuthenticator authenticator;
    private final PublishLimits limits;
    private final ConnectionEventReporter events;
    private final InVmTelemetrySender sender;
    private final int maxBodyBytes;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService workers;

    /**
     * @param httpPort plain HTTP port, or a negative number for none
     */
    public HttpTelemetryEndpoint(
            String host,
            String plainHost,
            int httpPort,
            int httpsPort,
            SSLContext tls,
            int threads,
            int maxBodyBytes,
            DeviceAuthenticator authenticator,
            PublishLimits limits,
            ConnectionEventReporter events,
            InVmTelemetrySender sender)
            throws IOException {
        this.authenticator = authenticator;
        this.limits = limits;
        this.events = events;
        this.sender = sender;
        this.maxBodyBytes = maxBodyBytes;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "gateway-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpsServer https = HttpsServer.create(new InetSocketAddress(host, httpsPort), 256);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        servers.add(https);
        if (httpPort >= 0) {
            servers.add(HttpServer.create(new InetSocketAddress(plainHost, httpPort), 256));
        }
        for (HttpServer server : servers) {
            server.setExecutor(workers);
            server.createContext("/", this::handle);
        }
    }

    public void start() {
        servers.forEach(HttpServer::start);
        LOG.info(() -> "HTTP device API listening: "
                + servers.stream()
                        .map(s -> (s instanceof HttpsServer ? "https " : "http ") + s.getAddress())
                        .toList());
    }

    /** Where each server listens (HTTPS first); useful when a port was 0. */
    public List<InetSocketAddress> addresses() {
        return servers.stream().map(HttpServer::getAddress).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        } catch (IOException e) {
            LOG.fine(() -> "HTTP request from " + exchange.getRemoteAddress() + " broke off: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HTTP request failed", e);
            reply(exchange, 500, "InternalServerError", "the gateway failed; try again");
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches()) {
            drain(exchange);
            reply(exchange, 404, "NotFound", "POST telemetry to /devices/<deviceId>/messages/events");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            drain(exchange);
            exchange.getResponseHeaders().set("Allow", "POST");
            reply(exchange, 405, "MethodNotAllowed", "use POST");
            return;
        }
        String deviceId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            drain(exchange);
            reply(exchange, 400, "InvalidDeviceId", "device ids are 1-128 of A-Z a-z 0-9 - . _ :");
            return;
        }
        Headers headers = exchange.getRequestHeaders();
        String remote = String.valueOf(exchange.getRemoteAddress());
        String token = headers.getFirst("Authorization");
        if (token == null || !token.startsWith(SAS_PREFIX)) {
            drain(exchange);
            unauthorized(
                    exchange,
                    "an Authorization header with a SAS token (SharedAccessSignature sr=...&sig=...&se=...) is required");
            return;
        }
        long declared = declaredLength(headers);
        if (declared > maxBodyBytes) {
            tooLarge(exchange, "body of " + declared + " bytes exceeds the limit of " + maxBodyBytes);
            return;
        }
        AuthDecision decision;
        try {
            decision = authenticator.authenticate(deviceId, token, DeviceProtocol.HTTP, remote, false);
        } catch (PlatformUnavailableException e) {
            drain(exchange);
            exchange.getResponseHeaders().set("Retry-After", "5");
            reply(exchange, 503, "ServiceUnavailable", "cannot check the device's credentials now; try again");
            return;
        }
        if (decision instanceof AuthDecision.Refused refused) {
            LOG.warning(
                    () -> "refused HTTP telemetry of device " + deviceId + " from " + remote + ": " + refused.reason());
            drain(exchange);
            unauthorized(exchange, "the SAS token is not valid for device " + deviceId);
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), maxBodyBytes);
        if (body == null) {
            tooLarge(exchange, "body exceeds the limit of " + maxBodyBytes + " bytes");
            return;
        }
        String messageId = headers.getFirst("iothub-messageid");
        if (messageId != null && !MESSAGE_ID.matcher(messageId).matches()) {
            reply(exchange, 400, "InvalidMessageId", "iothub-messageid must be 1-128 printable ASCII characters");
            return;
        }
        String problem = TelemetryBody.problem(body);
        if (problem != null) {
            reply(exchange, 400, "InvalidTelemetry", problem);
            return;
        }
        PublishLimits.Refusal refusal = limits.refusal(deviceId, body.length, exchange.getRequestURI());
        if (refusal != null) {
            if (refusal.kind() == PublishLimits.Refusal.Kind.TOO_FAST) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                reply(exchange, 429, "ThrottlingException", refusal.reason());
            } else {
                tooLarge(exchange, refusal.reason());
            }
            return;
        }
        try {
            sender.send(deviceId, body, propertyBag(headers, messageId));
        } catch (Exception e) {
            LOG.warning(() -> "HTTP telemetry of device " + deviceId + " not taken by the broker: " + e);
            exchange.getResponseHeaders().set("Retry-After", "5");
            reply(exchange, 503, "ServiceUnavailable", "the gateway cannot take messages now; try again");
            return;
        }
        events.activity(deviceId, DeviceProtocol.HTTP, remote);
        exchange.sendResponseHeaders(204, -1);
    }

    /** The property bag an MQTT device would put in its topic, from IoT Hub's HTTP headers. */
    static String propertyBag(Headers headers, String messageId) {
        Map<String, String> bag = new LinkedHashMap<>();
        if (messageId != null) {
            bag.put(PropertyBag.MESSAGE_ID, messageId);
        }
        String contentType = headers.getFirst("iothub-contenttype");
        if (contentType == null) {
            contentType = headers.getFirst("Content-Type");
        }
        if (contentType != null) {
            bag.put(PropertyBag.CONTENT_TYPE, contentType);
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(APP_PROPERTY)
                    && name.length() > APP_PROPERTY.length()
                    && !header.getValue().isEmpty()) {
                bag.put(name.substring(APP_PROPERTY.length()), header.getValue().get(0));
            }
        }
        return PropertyBag.of(bag).format();
    }

    private static long declaredLength(Headers headers) {
        String length = headers.getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body, or {@code null} when it is longer than {@code limit} (chunked bodies carry no length up front). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    /**
     * Reads what is left of a refused request, up to {@value #SWALLOW_LIMIT} bytes, so the device gets
     * its answer (clients still sending a body they were not asked for see a reset otherwise) and the
     * connection can serve its next request; a longer body ends the connection instead.
     */
    private static void drain(HttpExchange exchange) throws IOException {
        // read(), not skip(): the JDK server's body stream passes skip() to the socket, past the body's end
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        long left = SWALLOW_LIMIT;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= n;
        }
        if (left <= 0 && in.read() >= 0) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
    }

    private static void tooLarge(HttpExchange exchange, String reason) throws IOException {
        drain(exchange);
        reply(exchange, 413, "MessageTooLarge", reason);
    }

    private static void unauthorized(HttpExchange exchange, String message) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "SharedAccessSignature");
        reply(exchange, 401, "Unauthorized", message);
    }

    private static void reply(HttpExchange exchange, int status, String error, String message) throws IOException {
        byte[] body = JsonCodec.MAPPER.writeValueAsBytes(Map.of("error", error, "message", message));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        workers.shutdownNow();
    }
}
