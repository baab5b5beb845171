package org.iotplatform.maintenance;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A device's remaining useful life by a model's active version: the stored estimate while it is
 * current (same version, nothing newer from the device), else scored now from the device's history
 * with the same feature code the model was trained with, and stored. A model with an interval reads
 * the device's complete buckets only; its estimate is as of the newest one's start.
 */
@Stateless
public class RulEstimates {

    @Inject
    MaintenanceRepository repository;

    @Inject
    ActiveModels active;

    @Inject
    Clock clock;

    /** The newest records read for one score; features start from the device's first record within them. */
    @Inject
    @ConfigProperty(name = "iot.maintenance.max-history-records", defaultValue = "50000")
    int maxRecords;

    public RulEstimate estimate(String deviceId, String modelName) {
        StoredModel model = repository
                .model(modelName)
                .orElseThrow(() -> new ModelNotFoundException("no maintenance model named '" + modelName + "'"));
        ModelDefinition d = model.definition();
        int version = repository
                .activeVersion(model.id())
                .orElseThrow(() ->
                        new ModelNotFoundException("maintenance model '" + modelName + "' has no trained version yet"));
        Instant now = clock.instant();
        // with an interval, only complete buckets count: the newest record is the newest such bucket
        Instant newest = (d.interval() == null
                        ? repository.newestRecord(deviceId, d.metrics())
                        : repository.newestBucket(
                                deviceId, d.metrics(), d.interval(), RollupHistory.completeBefore(d.interval(), now)))
                .orElseThrow(() -> new ModelNotFoundException("device '" + deviceId + "' has no "
                        + (d.interval() == null
                                ? "telemetry"
                                : "complete " + d.interval().code() + " rollup")
                        + " of the metrics model '" + modelName + "' reads"));
        Optional<RulEstimate> known = repository.estimate(model, deviceId);
        if (known.isPresent()
                && known.get().version() == version
                && !known.get().asOf().isBefore(newest)) {
            return known.get();
        }
        DeviceHistory history = repository.history(deviceId, d, now, maxRecords);
        if (history.size() == 0) { // its rollups went between the two reads (retention)
            throw new ModelNotFoundException("device '" + deviceId + "' has no records to score");
        }
        double seconds = active.get(model.id(), version).predict(history);
        Instant asOf = history.row(history.size() - 1).timestamp();
        repository.saveEstimate(model.id(), deviceId, version, seconds, asOf, now);
        return new RulEstimate(modelName, version, seconds, asOf);
    }

    /** The most estimates {@link #latestFor} lists: the urgent end of a large watched fleet. */
    public static final int LISTED = 500;

    /**
     * The estimates kept for a model's devices, most urgent first (at most {@link #LISTED}); read only,
     * nothing is scored. A watched fleet's are kept current by {@link RulWatch}.
     */
    public List<StoredEstimate> latestFor(String modelName) {
        StoredModel model = repository
                .model(modelName)
                .orElseThrow(() -> new ModelNotFoundException("no maintenance model named '" + modelName + "'"));
        return repository.estimates(model.id(), LISTED);
    }

    /** The estimates kept for a device, one per model that scored it; empty when none did. */
    public List<StoredEstimate> latestOfDevice(String deviceId) {
        return repository.estimatesOf(deviceId);
    }
}
