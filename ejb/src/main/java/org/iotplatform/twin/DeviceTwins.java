package org.iotplatform.twin;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.iotplatform.commanding.CommandChannel;
import org.iotplatform.commanding.CommandHistory;
import org.iotplatform.commanding.DeviceCommand;
import org.iotplatform.infrastructure.concurrent.CommandThreads;
import org.iotplatform.infrastructure.transaction.AfterCommit;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.Device;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;

/**
 * Device twins. The back end reads them and changes tags and desired properties (with an optional
 * ETag to guard against lost updates); devices read their twin and patch their reported properties
 * over MQTT. A desired change goes to the device once committed when it is connected, and the whole
 * desired document whenever it connects again, so a device that was offline catches up.
 */
@Stateless
public class DeviceTwins {

    private static final Logger LOG = Logger.getLogger(DeviceTwins.class.getName());

    /** A twin as read: its ETag, the registry's tags, and both documents with their versions. */
    public record Twin(
            String deviceId,
            String etag,
            Map<String, String> tags,
            JsonObject desired,
            long desiredVersion,
            JsonObject reported,
            long reportedVersion,
            long version) {}

    @Inject
    DeviceTwinRepository twins;

    @Inject
    DeviceRegistry registry;

    @Inject
    CommandHistory history;

    @Inject
    CommandChannel channel;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    CommandThreads executor;

    public Twin get(DeviceId id) {
        Device device = registry.get(id);
        DeviceTwin twin = twins.find(id.value()).orElseGet(() -> new DeviceTwin(id.value(), clock.instant()));
        return view(device, twin);
    }

    /**
     * Applies {@code {"tags":{...},"properties":{"desired":{...}}}} as merge patches. With {@code ifMatch}
     * (an ETag from {@link #get}) the change is refused when the twin changed meanwhile.
     */
    public Twin patch(DeviceId id, String ifMatch, String patchJson, String actor) {
        Device device = registry.get(id);
        DeviceTwin twin = twinForUpdate(id);
        if (ifMatch != null
                && !ifMatch.isBlank()
                && !ifMatch.trim().equals("*")
                && !ifMatch.trim().equals(etag(device, twin))) {
            throw new TwinConflictException(
                    "the twin of " + id + " changed since it was read (ETag " + etag(device, twin) + ")");
        }
        JsonObject patch = TwinDocuments.patch(patchJson, "the twin patch");
        for (String key : patch.keySet()) {
            if (!key.equals("tags") && !key.equals("properties")) {
                throw new InvalidTwinException(
                        "a twin patch has 'tags' and 'properties.desired' only, not '" + key + "'");
            }
        }
        JsonValue tags = patch.get("tags");
        if (tags != null && tags.getValueType() != JsonValue.ValueType.NULL) {
            if (tags.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidTwinException("tags must be an object");
            }
            registry.replaceTags(id, mergedTags(device.tags(), tags.asJsonObject()), actor);
            twin.touched(clock.instant());
        }
        JsonValue properties = patch.get("properties");
        if (properties != null && properties.getValueType() == JsonValue.ValueType.OBJECT) {
            for (String key : properties.asJsonObject().keySet()) {
                if (!key.equals("desired")) {
                    throw new InvalidTwinException(
                            "properties." + key + " cannot be written by the back end (only desired)");
                }
            }
            JsonValue desired = properties.asJsonObject().get("desired");
            if (desired != null && desired.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObject change = TwinDocuments.patch(desired.toString(), "properties.desired");
                twin.desired(
                        TwinDocuments.merge(twin.desired(), change, "properties.desired")
                                .toString(),
                        clock.instant());
                long version = twin.desiredVersion();
                byte[] message =
                        TwinDocuments.withVersion(change, version).toString().getBytes(StandardCharsets.UTF_8);
                history.record(
                        new DeviceCommand(
                                        id.value(),
                                        DeviceCommand.Kind.desired,
                                        "$version " + version,
                                        change.toString(),
                                        actor,
                                        clock.instant())
                                .ended("sent", null, null, clock.instant()),
                        "desired " + change + " (version " + version + ")");
                if (device.connectionState() == ConnectionState.CONNECTED) {
                    AfterCommit.runAsync(
                            transactions,
                            executor,
                            () -> send(id, () -> channel.sendDesired(id.value(), version, message)));
                }
            }
        }
        twins.flush();
        return view(device, twin);
    }

    /** A device asked for its twin ({@code $iothub/twin/GET}): answer with both documents. */
    public void deviceRequestedTwin(String deviceId, String requestId) {
        DeviceTwin twin = twins.find(deviceId).orElseGet(() -> new DeviceTwin(deviceId, clock.instant()));
        JsonObject body = TwinDocuments.JSON
                .createObjectBuilder()
                .add("desired", TwinDocuments.withVersion(twin.desired(), twin.desiredVersion()))
                .add("reported", TwinDocuments.withVersion(twin.reported(), twin.reportedVersion()))
                .build();
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        send(DeviceId.of(deviceId), () -> channel.sendTwinResponse(deviceId, requestId, 200, null, bytes));
    }

    /** A device patched its reported properties: merged, versioned, and answered (204 with the version, 400 when refused). */
    public void deviceReported(String deviceId, String requestId, byte[] patch) {
        DeviceId id = DeviceId.of(deviceId);
        DeviceTwin twin = twinForUpdate(id);
        try {
            JsonObject change = TwinDocuments.patch(new String(patch, StandardCharsets.UTF_8), "reported properties");
            twin.reported(
                    TwinDocuments.merge(twin.reported(), change, "reported properties")
                            .toString(),
                    clock.instant());
        } catch (InvalidTwinException e) {
            LOG.warning(() -> "device " + deviceId + ": reported patch refused: " + e.getMessage());
            byte[] why = TwinDocuments.JSON
                    .createObjectBuilder()
                    .add("message", e.getMessage())
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            send(id, () -> channel.sendTwinResponse(deviceId, requestId, 400, null, why));
            return;
        }
        long version = twin.reportedVersion();
        AfterCommit.runAsync(
                transactions,
                executor,
                () -> send(id, () -> channel.sendTwinResponse(deviceId, requestId, 204, version, new byte[0])));
    }

    /** The device came online: it gets the whole desired document, in case it missed changes. */
    public void deviceConnected(DeviceId id) {
        DeviceTwin twin = twins.find(id.value()).orElse(null);
        if (twin == null || twin.desiredVersion() <= 1) {
            return; // nothing desired yet
        }
        byte[] message = TwinDocuments.withVersion(twin.desired(), twin.desiredVersion())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        long version = twin.desiredVersion();
        send(id, () -> channel.sendDesired(id.value(), version, message));
    }

    /** The twin row, locked for this transaction, created on first use (a device may be older than twins). */
    private DeviceTwin twinForUpdate(DeviceId id) {
        DeviceTwin twin = twins.findForUpdate(id.value()).orElse(null);
        if (twin == null) {
            registry.get(id);
            twin = new DeviceTwin(id.value(), clock.instant());
            twins.store(twin);
        }
        return twin;
    }

    private static Map<String, String> mergedTags(Map<String, String> current, JsonObject patch) {
        Map<String, String> tags = new LinkedHashMap<>(current);
        patch.forEach((name, value) -> {
            switch (value.getValueType()) {
                case NULL -> tags.remove(name);
                case STRING -> tags.put(name, ((jakarta.json.JsonString) value).getString());
                case NUMBER, TRUE, FALSE -> tags.put(name, value.toString());
                default -> throw new InvalidTwinException("tag '" + name + "' must be a string, number or boolean");
            }
        });
        return tags;
    }

    /** The twin's version and a fingerprint of the tags: connection-state updates of the device row must not change it. */
    private static String etag(Device device, DeviceTwin twin) {
        return "\"" + twin.version() + "." + Integer.toHexString(new java.util.TreeMap<>(device.tags()).hashCode())
                + "\"";
    }

    private Twin view(Device device, DeviceTwin twin) {
        return new Twin(
                device.deviceId().value(),
                etag(device, twin),
                device.tags(),
                TwinDocuments.withVersion(twin.desired(), twin.desiredVersion()),
                twin.desiredVersion(),
                TwinDocuments.withVersion(twin.reported(), twin.reportedVersion()),
                twin.reportedVersion(),
                twin.version());
    }

    /** Sends to the device; a gateway that cannot be reached only costs this message (the device catches up on reconnect). */
    private static void send(DeviceId id, Runnable sending) {
        try {
            sending.run();
        } catch (RuntimeException e) {
            LOG.warning(() -> "twin message to " + id + " not sent: " + e.getMessage());
        }
    }
}
