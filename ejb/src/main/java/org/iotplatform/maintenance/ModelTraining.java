package org.iotplatform.maintenance;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Trains a model's version on a managed thread, never on a request: reads the run-to-failure histories
 * of the tagged devices, validates on folds of held-out devices, trains on all of them, and keeps the
 * trees with the figures. Its stage is visible while it runs; a failure is kept with the reason.
 */
@ApplicationScoped
public class ModelTraining {

    private static final Logger LOG = Logger.getLogger(ModelTraining.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    TrainingSteps steps;

    @Inject
    @ConfigProperty(name = "iot.maintenance.max-history-records", defaultValue = "50000")
    int maxRecords;

    /** XGBoost threads per training (0: half the cores, so telemetry keeps the other half). */
    @Inject
    @ConfigProperty(name = "iot.maintenance.training-threads", defaultValue = "0")
    int threads;

    public void submit(StoredModel model, int version, TrainingSettings settings) {
        executor.execute(() -> train(model, version, settings));
    }

    void train(StoredModel model, int version, TrainingSettings settings) {
        long id = model.id();
        ModelDefinition d = model.definition();
        long started = System.nanoTime();
        try {
            steps.stage(id, version, "reading histories");
            List<String> devices = steps.devicesTagged(d.devices());
            List<DeviceHistory> histories = new ArrayList<>();
            for (String device : devices) {
                histories.add(steps.history(device, d, maxRecords));
                if (histories.size() % 10 == 0) {
                    steps.stage(id, version, "reading histories: " + histories.size() + " of " + devices.size());
                }
            }
            RulTrainingSet set =
                    RulTrainingSet.of(histories, new RulFeatures(d.metrics()), d.failureCondition(), d.cap());
            if (set.size() == 0) {
                throw new InvalidModelException("none of the " + devices.size() + " devices tagged " + d.devices()
                        + " has a history that ran to failure (" + d.failure() + ")");
            }
            RulModel.Params params = settings.params(threads > 0 ? threads : Math.max(1, cores() / 2));
            Double rmse = null;
            Integer folds = null;
            if (settings.folds() > 0 && set.devices().size() >= settings.folds()) {
                steps.stage(id, version, "validating on " + settings.folds() + " folds of devices");
                folds = settings.folds();
                rmse = RulCrossValidation.meanRmse(
                        RulCrossValidation.groupKFold(set, params.withSeeds(List.of(1L)), folds, 1L));
            }
            steps.stage(id, version, "training on " + set.devices().size() + " devices, " + set.size() + " records");
            byte[] trees;
            try (RulModel trained = RulModel.train(set, params)) {
                trees = trained.toBytes();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            steps.trained(
                    id,
                    version,
                    new MaintenanceRepository.Trained(millis, set.devices().size(), set.size(), rmse, folds),
                    trees);
            LOG.info(() -> "maintenance model " + d.name() + " version " + version + " trained in " + millis + " ms");
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "maintenance model " + d.name() + " version " + version + " failed to train", e);
            steps.failed(id, version, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
