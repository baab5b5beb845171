package org.iotplatform.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.iotplatform.telemetry.Interval;

/** Where models, their trained versions and the latest estimates are kept, and the histories they read. */
public interface MaintenanceRepository {

    /** @throws ModelExistsException when the name is taken */
    long create(ModelDefinition definition, Instant at, String by);

    Optional<StoredModel> model(String name);

    List<StoredModel> models();

    /** A new version in state {@code training}, numbered after the newest; returns its number. */
    int newVersion(long modelId, TrainingSettings settings, Instant at, String by);

    void stage(long modelId, int version, String stage);

    /** What a finished training produced. */
    record Trained(long trainingMillis, int devices, int rows, Double validationRmseSeconds, Integer folds) {}

    /** The version becomes ready and the model's only active one. */
    void trained(long modelId, int version, Trained trained, byte[] model, Instant at);

    void failed(long modelId, int version, String reason, Instant at);

    /** Versions left in training by a stopped server: they will not finish. */
    int abandonTraining(String reason, Instant at);

    /** Newest first. */
    List<ModelVersion> versions(long modelId);

    /** The active version's number. */
    Optional<Integer> activeVersion(long modelId);

    byte[] modelBytes(long modelId, int version);

    List<String> devicesTagged(DeviceTag tag);

    /** A device's records carrying any of {@code metrics}, oldest first: its newest {@code maxRecords} at most. */
    DeviceHistory history(String deviceId, List<String> metrics, int maxRecords);

    /** The time of the device's newest record with any of {@code metrics}. */
    Optional<Instant> newestRecord(String deviceId, List<String> metrics);

    /**
     * A device's rollups of {@code metrics} at {@code interval} in the buckets before {@code before},
     * the newest {@code maxBuckets} buckets at most, as records (see {@link RollupHistory}).
     */
    DeviceHistory rollupHistory(
            String deviceId, List<String> metrics, Interval interval, Instant before, int maxBuckets);

    /** The start of the device's newest bucket before {@code before} with a rollup of any of {@code metrics}. */
    Optional<Instant> newestBucket(String deviceId, List<String> metrics, Interval interval, Instant before);

    /**
     * The history a model reads (its metrics and those its failure condition reads): raw records, or one
     * per complete bucket of its interval at {@code now}.
     */
    default DeviceHistory history(String deviceId, ModelDefinition model, Instant now, int maxRecords) {
        return model.interval() == null
                ? history(deviceId, model.recordedMetrics(), maxRecords)
                : rollupHistory(
                        deviceId,
                        model.recordedMetrics(),
                        model.interval(),
                        RollupHistory.completeBefore(model.interval(), now),
                        maxRecords);
    }

    void saveEstimate(long modelId, String deviceId, int version, double rulSeconds, Instant asOf, Instant at);

    Optional<RulEstimate> estimate(StoredModel model, String deviceId);

    /** A model's kept estimates, most urgent (fewest seconds left) first, at most {@code limit}. */
    List<StoredEstimate> estimates(long modelId, int limit);

    /** A device's kept estimates, one per model that scored it, by model name. */
    List<StoredEstimate> estimatesOf(String deviceId);
}
