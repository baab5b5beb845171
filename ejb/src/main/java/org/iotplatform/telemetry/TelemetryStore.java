package org.iotplatform.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.iotplatform.registry.DeviceId;

/** Where telemetry and refused messages are kept. */
public interface TelemetryStore {

    /**
     * Stores the messages whose (device, message id) was not stored before, in the caller's
     * transaction, and returns those. Fails as a whole when another transaction stored one of them
     * meanwhile (retrying then finds it stored).
     */
    List<TelemetryMessage> storeNew(List<TelemetryMessage> messages);

    void reject(RejectedMessage rejected);

    /** Removes everything kept of a device: message-id claims, values, rollups, metrics, refused messages. */
    void erase(DeviceId device);

    /** Values of a device in [from, to), oldest first, optionally of one metric, handed over one by one. */
    void history(
            DeviceId device,
            Instant from,
            Instant to,
            Optional<String> metric,
            int limit,
            Consumer<TelemetryPoint> sink);

    /** Rollups from {@code from} (a bucket start) to {@code to}, oldest first. */
    void aggregates(
            DeviceId device,
            Instant from,
            Instant to,
            Optional<String> metric,
            Interval interval,
            int limit,
            Consumer<TelemetryAggregate> sink);

    List<TelemetryPoint> latest(DeviceId device);

    List<String> metrics(DeviceId device);

    /**
     * Brings the rollups up to date with every message stored since the last run (less
     * {@code overlap}, for transactions that were still open then): recomputes each touched minute
     * from the values, then the touched hours from minutes and days from hours. Returns the number
     * of messages looked at, or -1 when another instance is running it.
     */
    long rollUp(java.time.Duration overlap);

    /** Messages stored in [from, to), optionally of devices whose id starts with a prefix. */
    IngestStats ingestStats(Instant from, Instant to, Optional<String> devicePrefix, int maxMessages);

    List<RejectedMessage> rejected(Optional<DeviceId> device, int limit);
}
