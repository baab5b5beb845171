package org.iotplatform.telemetry;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.InvalidDeviceException;

/** The read side: a device's stored values over time, and the messages that were refused. */
@Stateless
public class TelemetryHistory {

    public static final int MAX_ROWS = 1_000_000;

    @Inject
    TelemetryStore store;

    /** Hands the values in [from, to) to {@code sink} as they are read, so callers can stream them. */
    public void values(
            DeviceId device,
            Instant from,
            Instant to,
            Optional<String> metric,
            int limit,
            Consumer<TelemetryPoint> sink) {
        if (!from.isBefore(to)) {
            throw new InvalidDeviceException("from must be before to");
        }
        store.history(device, from, to, metric, Math.max(1, Math.min(limit, MAX_ROWS)), sink);
    }

    /**
     * Rollups of the values in [from, to) per {@code interval} bucket, oldest first. Rollups are kept
     * up to date by {@link TelemetryRollups} a few seconds behind the stream.
     */
    public void aggregates(
            DeviceId device,
            Instant from,
            Instant to,
            Optional<String> metric,
            Interval interval,
            int limit,
            Consumer<TelemetryAggregate> sink) {
        if (!from.isBefore(to)) {
            throw new InvalidDeviceException("from must be before to");
        }
        store.aggregates(
                device, interval.bucketOf(from), to, metric, interval, Math.max(1, Math.min(limit, MAX_ROWS)), sink);
    }

    /** The newest value of each metric the device has sent, by metric name. */
    public List<TelemetryPoint> latest(DeviceId device) {
        return store.latest(device);
    }

    /** The metric names the device has sent, alphabetically. */
    public List<String> metrics(DeviceId device) {
        return store.metrics(device);
    }

    /** Throughput and latency of the ingest over a range of storage time (benchmarks, the overview). */
    public IngestStats ingestStats(Instant from, Instant to, Optional<String> devicePrefix) {
        if (!from.isBefore(to)) {
            throw new InvalidDeviceException("from must be before to");
        }
        return store.ingestStats(from, to, devicePrefix, 5_000_000);
    }

    /** Refused messages, newest first, of one device or of all. */
    public List<RejectedMessageDetails> rejected(Optional<DeviceId> device, int limit) {
        return store.rejected(device, Math.max(1, Math.min(limit, 1000))).stream()
                .map(RejectedMessageDetails::of)
                .toList();
    }
}
