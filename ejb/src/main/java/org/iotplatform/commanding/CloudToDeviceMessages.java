package org.iotplatform.commanding;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.infrastructure.concurrent.CommandThreads;
import org.iotplatform.infrastructure.transaction.AfterCommit;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.Device;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;

/**
 * Cloud-to-device messages: one-way, durable, at least once. A message is kept (state
 * {@code enqueued}) and sent when the device is connected, or when it next connects; the gateway
 * reports when the device took it ({@code delivered}) or refused it ({@code rejected}); one that is not
 * delivered within its time-to-live becomes {@code expired}. A device has at most
 * {@code iot.messages.max-pending} messages waiting (IoT Hub's default is 50). Devices de-duplicate by
 * the message id ({@code $.mid}), since a message sent before a disconnection is sent again.
 */
@Stateless
public class CloudToDeviceMessages {

    public static final Duration MAX_TTL = Duration.ofDays(2);
    private static final Logger LOG = Logger.getLogger(CloudToDeviceMessages.class.getName());
    private static final int MAX_PAYLOAD = 64 * 1024;
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9_\\-.]{1,64}");
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    DeviceCommandRepository commands;

    @Inject
    DeviceRegistry registry;

    @Inject
    AuditTrail audit;

    @Inject
    CommandChannel channel;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    CommandThreads executor;

    @Inject
    UnsentMessages unsent;

    @Inject
    @ConfigProperty(name = "iot.messages.max-pending", defaultValue = "50")
    int maxPending;

    @Inject
    @ConfigProperty(name = "iot.messages.default-ttl", defaultValue = "PT1H")
    Duration defaultTtl;

    /**
     * Queues a message; it goes out after commit when the device is connected.
     *
     * @param properties application properties (names of letters, digits, '_', '-', '.'; string values)
     * @param ttl        time to live, at most two days; {@code null}: {@code iot.messages.default-ttl}
     * @throws MessageQueueFullException the device has {@code max-pending} messages waiting
     */
    public CloudToDeviceMessage send(
            DeviceId id, String payload, Map<String, String> properties, Duration ttl, String actor) {
        Device device = registry.get(id);
        Duration life = ttl == null ? defaultTtl : ttl;
        if (life.isNegative() || life.isZero() || life.compareTo(MAX_TTL) > 0) {
            throw new InvalidCommandException("ttlSeconds must be 1 to " + MAX_TTL.toSeconds());
        }
        byte[] bytes = payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PAYLOAD) {
            throw new InvalidCommandException("message over " + MAX_PAYLOAD / 1024 + " KB");
        }
        Map<String, String> props = properties == null ? Map.of() : properties;
        props.keySet().stream()
                .filter(k -> !PROPERTY.matcher(k).matches() || k.startsWith("$"))
                .findFirst()
                .ifPresent(k -> {
                    throw new InvalidCommandException(
                            "property name '" + k + "' not allowed: 1-64 of letters, digits, '_', '-', '.'");
                });
        long waiting = commands.waitingMessages(id.value());
        if (waiting >= maxPending) {
            throw new MessageQueueFullException("device '" + id + "' already has " + waiting
                    + " messages waiting (at most " + maxPending + "); try again once it has taken some");
        }
        Instant now = clock.instant();
        String messageId = UUID.randomUUID().toString();
        DeviceCommand message =
                DeviceCommand.message(id.value(), messageId, payload, toJson(props), actor, now, now.plus(life));
        commands.store(message);
        audit.record(
                actor,
                "device.message.send",
                id.value(),
                "message " + messageId + ", " + bytes.length + " bytes, ttl " + life.toSeconds() + " s");
        if (device.connectionState() == ConnectionState.CONNECTED) {
            AfterCommit.runAsync(transactions, executor, () -> publish(message));
        }
        return view(message);
    }

    public CloudToDeviceMessage get(DeviceId id, String messageId) {
        return commands.findMessage(id.value(), messageId)
                .map(CloudToDeviceMessages::view)
                .orElseThrow(() -> new MessageNotFoundException(id.value(), messageId));
    }

    /** The device's messages, newest first; {@code state} filters ({@code null}: all). */
    public List<CloudToDeviceMessage> list(DeviceId id, String state, int limit) {
        registry.get(id);
        return commands.messages(id.value(), state, Math.max(1, Math.min(limit, 500))).stream()
                .map(CloudToDeviceMessages::view)
                .toList();
    }

    /** The gateway's report: the device took the message, or (AMQP) refused it. Only a waiting message changes. */
    public void settled(String deviceId, String messageId, boolean delivered) {
        int changed = commands.settle(deviceId, messageId, delivered ? "delivered" : "rejected", clock.instant());
        if (changed == 0) {
            LOG.fine(() -> "settlement of " + messageId + " for " + deviceId
                    + " found no waiting message (repeated, or expired)");
        }
    }

    /** Messages past their time to live: expired. */
    public int expire() {
        return commands.expireMessages(clock.instant());
    }

    /** Messages whose publish failed go out again, if still waiting and their device is still connected. */
    public int retryUnsent() {
        int retried = 0;
        for (Long id : unsent.takeAll()) {
            DeviceCommand message = commands.find(id).orElse(null);
            if (message == null || !"enqueued".equals(message.state())) {
                continue;
            }
            boolean connected = registry.find(DeviceId.of(message.deviceId()))
                    .filter(d -> d.connectionState() == ConnectionState.CONNECTED)
                    .isPresent();
            if (connected) {
                publish(message);
                retried++;
            } // otherwise its device's next connection sends it
        }
        return retried;
    }

    /** The device came online: what waits for it goes out, oldest first, each with the time it has left. */
    public void deviceConnected(DeviceId id) {
        commands.deliverableMessages(id.value(), clock.instant()).forEach(this::publish);
    }

    private void publish(DeviceCommand message) {
        Duration left = Duration.between(clock.instant(), message.expiresAt());
        if (left.isNegative() || left.isZero()) {
            return;
        }
        try {
            channel.sendCloudToDevice(
                    message.deviceId(),
                    message.name(),
                    fromJson(message.properties()),
                    message.request() == null ? new byte[0] : message.request().getBytes(StandardCharsets.UTF_8),
                    left);
        } catch (RuntimeException e) {
            // stays enqueued and is tried again shortly (retryUnsent), or when the device next connects
            unsent.add(message.id());
            LOG.warning(() -> "message " + message.name() + " for " + message.deviceId()
                    + " not sent now, tried again shortly: " + e.getMessage());
        }
    }

    private static CloudToDeviceMessage view(DeviceCommand message) {
        return CloudToDeviceMessage.of(message, fromJson(message.properties()));
    }

    private static String toJson(Map<String, String> properties) {
        var b = JSON.createObjectBuilder();
        properties.forEach(b::add);
        return b.build().toString();
    }

    private static Map<String, String> fromJson(String json) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return properties;
        }
        JsonObject o = JSON.createReader(new StringReader(json)).readObject();
        o.forEach((k, v) -> properties.put(
                k, v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : v.toString()));
        return properties;
    }
}
