package org.iotplatform.telemetry;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;

/**
 * How long telemetry is kept. Raw values: {@code iot.telemetry.retention} days, or a device's own
 * setting; whole daily partitions are dropped once no device keeps them any more, and devices that
 * keep less have their older rows deleted. Rollups are kept longer (minutes, hours; days for ever by
 * default), refused messages as configured. Also creates the value partitions of the coming days.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // DDL and chunked deletes commit as they go
public class TelemetryRetention {

    private static final Logger LOG = Logger.getLogger(TelemetryRetention.class.getName());
    private static final int DAYS_AHEAD = 3;

    /** What one run did. */
    public record Report(
            List<String> partitionsCreated,
            List<String> partitionsDropped,
            long valuesDeleted,
            long messagesDeleted,
            long rollupsDeleted,
            long rejectedDeleted) {}

    @Resource
    TimerService timers;

    @Inject
    TelemetryHousekeeping housekeeping;

    @Inject
    DeviceRegistry registry;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.telemetry.retention", defaultValue = "P30D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "iot.telemetry.rollup-retention.minute", defaultValue = "P90D")
    Duration minuteRollups;

    @Inject
    @ConfigProperty(name = "iot.telemetry.rollup-retention.hour", defaultValue = "P730D")
    Duration hourRollups;

    @Inject
    @ConfigProperty(name = "iot.telemetry.rollup-retention.day")
    Optional<Duration> dayRollups;

    @Inject
    @ConfigProperty(name = "iot.telemetry.rejected-retention", defaultValue = "P30D")
    Duration rejectedRetention;

    @Inject
    @ConfigProperty(name = "iot.telemetry.retention-every", defaultValue = "PT1H")
    Duration every;

    private volatile boolean failing;

    @PostConstruct
    void schedule() {
        // first run soon after start: the coming days' partitions must exist before data for them arrives
        timers.createIntervalTimer(
                Duration.ofSeconds(30).toMillis(), every.toMillis(), new TimerConfig("telemetry-retention", false));
    }

    @Timeout
    void scheduled() {
        try {
            Report report = runNow();
            failing = false;
            if (!report.partitionsDropped().isEmpty() || report.valuesDeleted() + report.messagesDeleted() > 0) {
                LOG.info(() -> "telemetry retention: " + report);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "telemetry retention failed; retrying every " + every, e);
                failing = true;
            }
        }
    }

    public synchronized Report runNow() { // the timer and a caller never run it at once
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> created = housekeeping.ensureDailyPartitions(today, today.plusDays(DAYS_AHEAD));

        int globalDays = (int) retention.toDays();
        Map<DeviceId, Integer> overrides = registry.telemetryRetentionOverrides();
        int longest =
                overrides.values().stream().mapToInt(Integer::intValue).max().orElse(globalDays);
        longest = Math.max(longest, globalDays);
        // a partition goes when even the longest-keeping device no longer needs it
        List<String> dropped = housekeeping.dropPartitionsBefore(today.minusDays(longest));

        long values = 0;
        List<DeviceId> trimmed = new ArrayList<>();
        for (DeviceId device : devicesKeepingLess(overrides, globalDays, longest)) {
            int days = overrides.getOrDefault(device, globalDays);
            values += housekeeping.deleteValues(device, now.minus(Duration.ofDays(days)));
            trimmed.add(device);
        }
        long messages = housekeeping.deleteMessages(now.minus(Duration.ofDays(longest)));
        long rollups = housekeeping.deleteRollups(Interval.MINUTE, now.minus(minuteRollups))
                + housekeeping.deleteRollups(Interval.HOUR, now.minus(hourRollups))
                + dayRollups
                        .map(d -> housekeeping.deleteRollups(Interval.DAY, now.minus(d)))
                        .orElse(0L);
        long rejected = housekeeping.deleteRejected(now.minus(rejectedRetention));
        return new Report(created, dropped, values, messages, rollups, rejected);
    }

    /** Devices whose rows outlive their retention in the kept partitions: shorter overrides, or everyone on
     *  the global setting when some device keeps longer. */
    private List<DeviceId> devicesKeepingLess(Map<DeviceId, Integer> overrides, int globalDays, int longest) {
        List<DeviceId> devices = new ArrayList<>();
        if (longest > globalDays) {
            for (DeviceId d : housekeeping.devicesWithTelemetry()) {
                if (overrides.getOrDefault(d, globalDays) < longest) {
                    devices.add(d);
                }
            }
        } else {
            overrides.forEach((d, days) -> {
                if (days < longest) {
                    devices.add(d);
                }
            });
        }
        return devices;
    }

    /** Raw retention for devices without their own setting: telemetry older than this is refused. */
    public Duration globalRetention() {
        return retention;
    }
}
