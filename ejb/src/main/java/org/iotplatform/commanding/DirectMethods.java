package org.iotplatform.commanding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.infrastructure.concurrent.CommandThreads;
import org.iotplatform.registry.ConnectedDevices;
import org.iotplatform.registry.DeviceId;

/**
 * Direct methods: a request to one connected device and its answer, correlated by a request id of
 * their own, many in flight at once. The caller gets a {@link CompletionStage} that ends with the
 * device's status and payload, with {@link MethodTimeoutException} when it does not answer in time, or
 * at once with {@link DeviceNotConnectedException}. The broker drops a request the device has not
 * taken by its time-out, so a device that reconnects later never runs a request nobody waits for.
 * Every call is kept in the command history and the audit log, after it ends ({@link CommandHistoryWriter}).
 *
 * <p>A CDI bean rather than an EJB, like the {@link CommandChannel} it sends through: a call needs no
 * transaction and no container security (the REST resource and the views check roles), and the EJB
 * container's interposition (security context, transaction suspension, invocation bookkeeping) on
 * the request, the send and the answer was a tenth of the server's CPU at hundreds of calls a second.
 */
@ApplicationScoped
public class DirectMethods {

    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(300);
    private static final Logger LOG = Logger.getLogger(DirectMethods.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.:]{1,100}");
    private static final int MAX_PAYLOAD = 128 * 1024;
    /** Made once: {@code Json.createReader} looks the provider up on every call (slow on Payara). */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    private record Pending(String deviceId, CompletableFuture<MethodResult> answer) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    @Inject
    CommandChannel channel;

    @Inject
    ConnectedDevices connected;

    @Inject
    CommandHistoryWriter history;

    @Inject
    Clock clock;

    @Inject
    CommandThreads executor;

    @Inject
    @ConfigProperty(name = "iot.methods.max-in-flight", defaultValue = "10000")
    int maxInFlight;

    /**
     * Sends {@code method} with {@code payloadJson} (any JSON value; {@code null} for none) to the device.
     *
     * @throws DeviceNotConnectedException the device is not connected now
     * @throws InvalidCommandException     bad method name, payload or time-out, or too many calls in flight
     */
    public CompletionStage<MethodResult> invoke(
            DeviceId deviceId, String method, String payloadJson, Duration timeout, String actor) {
        if (method == null || !NAME.matcher(method).matches()) {
            throw new InvalidCommandException("method names are 1-100 of letters, digits, '_', '-', '.', ':'");
        }
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidCommandException(
                    "timeoutSeconds must be " + MIN_TIMEOUT.toSeconds() + " to " + MAX_TIMEOUT.toSeconds());
        }
        String payload = payloadJson == null || payloadJson.isBlank() ? "null" : payloadJson;
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PAYLOAD) {
            throw new InvalidCommandException("payload over " + MAX_PAYLOAD / 1024 + " KB");
        }
        requireJson(payload);
        if (!connected.isConnected(deviceId)) {
            throw new DeviceNotConnectedException(deviceId);
        }
        if (pending.size() >= maxInFlight) {
            throw new InvalidCommandException("too many direct methods in flight (" + maxInFlight + "); try again");
        }
        Instant started = clock.instant();
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<MethodResult> answer = new CompletableFuture<>();
        pending.put(requestId, new Pending(deviceId.value(), answer));
        try {
            channel.sendMethodRequest(deviceId.value(), method, requestId, bytes, timeout);
        } catch (RuntimeException e) {
            pending.remove(requestId);
            throw new CommandNotSentException("the gateway cannot be reached: " + e.getMessage(), e);
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync(
                        (result, failure) -> {
                            pending.remove(requestId);
                            Throwable error = failure instanceof java.util.concurrent.CompletionException
                                            && failure.getCause() != null
                                    ? failure.getCause()
                                    : failure;
                            keep(
                                    deviceId, method, payload, actor, started, result,
                                    error); // queued, written in batches
                            if (error != null) {
                                throw error instanceof TimeoutException
                                        ? new MethodTimeoutException(deviceId.value(), method, timeout)
                                        : new IllegalStateException(error);
                            }
                            return result;
                        },
                        executor);
    }

    /**
     * A device's answer, from the gateway. Ignored (and logged) when nobody waits for that request id
     * any more, or when it comes from another device than the one asked: a device cannot answer for another.
     */
    public void answered(String deviceId, String requestId, int status, byte[] payload) {
        Pending p = requestId == null ? null : pending.get(requestId);
        if (p == null) {
            LOG.fine(() -> "answer of " + deviceId + " to request " + requestId
                    + " came after its time-out, or was never asked for");
            return;
        }
        if (!p.deviceId().equals(deviceId)) {
            LOG.warning(() ->
                    "device " + deviceId + " answered request " + requestId + " sent to " + p.deviceId() + ": ignored");
            return;
        }
        p.answer().complete(new MethodResult(status, jsonOrText(payload)));
    }

    /** Calls waiting for an answer now. */
    public int inFlight() {
        return pending.size();
    }

    private void keep(
            DeviceId deviceId,
            String method,
            String payload,
            String actor,
            Instant started,
            MethodResult result,
            Throwable error) {
        Instant now = clock.instant();
        long millis = Duration.between(started, now).toMillis();
        DeviceCommand command =
                new DeviceCommand(deviceId.value(), DeviceCommand.Kind.method, method, payload, actor, started);
        String detail;
        if (result != null) {
            command.ended("completed", result.status(), result.payload(), now);
            detail = method + " -> " + result.status() + " in " + millis + " ms";
        } else {
            boolean timedOut = error instanceof TimeoutException;
            command.ended(timedOut ? "timeout" : "failed", null, timedOut ? null : String.valueOf(error), now);
            detail = method + " -> " + (timedOut ? "no answer in " + millis + " ms" : "failed: " + error);
        }
        history.keep(command, detail);
    }

    private static void requireJson(String payload) {
        try (JsonReader reader = JSON.createReader(new StringReader(payload))) {
            reader.readValue();
        } catch (JsonParsingException e) {
            throw new InvalidCommandException("payload is not JSON: " + e.getMessage());
        }
    }

    /** The device's payload as JSON text; what is not JSON becomes a JSON string. */
    private static String jsonOrText(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            reader.readValue();
            return text;
        } catch (RuntimeException e) {
            return Json.createValue(text).toString();
        }
    }
}
