package org.iotplatform.telemetry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.iotplatform.registry.DeviceId;

/**
 * Storage upkeep behind {@link TelemetryRetention}: daily partitions of the values, dropped whole
 * when they age out, and bounded deletes for everything that cannot be dropped whole. Each delete
 * commits in chunks so it never holds long locks against the ingest.
 */
public interface TelemetryHousekeeping {

    /** Creates the daily value partitions missing up to {@code lastDay} (inclusive); returns their names. */
    List<String> ensureDailyPartitions(LocalDate today, LocalDate lastDay);

    /** Drops the value partitions that hold only days before {@code day}; returns their names. */
    List<String> dropPartitionsBefore(LocalDate day);

    /** The devices that have stored telemetry (from the metric catalogue). */
    Set<DeviceId> devicesWithTelemetry();

    long deleteValues(DeviceId device, Instant before);

    long deleteMessages(Instant storedBefore);

    long deleteRollups(Interval interval, Instant before);

    long deleteRejected(Instant receivedBefore);
}
