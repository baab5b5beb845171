package org.iotplatform.maintenance;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.infrastructure.transaction.AfterCommit;

/**
 * Maintenance models: defined by operators, trained as jobs (a new version each time; the active one
 * keeps scoring until its successor is ready), read with their versions and figures.
 */
@Stateless
public class MaintenanceModels {

    @Inject
    MaintenanceRepository repository;

    @Inject
    ModelTraining training;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Keeps the model and starts training its first version once that is committed. */
    public ModelView define(ModelDefinition definition, String actor) {
        Instant now = clock.instant();
        long id = repository.create(definition, now, actor);
        audit.record(
                actor,
                "maintenance.model-created",
                definition.name(),
                "devices=" + definition.devices() + " metrics="
                        + definition.metrics().size() + " failure=" + definition.failure() + " cap="
                        + definition.cap());
        return startTraining(repository.model(definition.name()).orElseThrow(), definition.training(), actor, now);
    }

    /** Trains a new version (with other settings, or the model's defaults). */
    public ModelView retrain(String name, TrainingSettings settings, String actor) {
        StoredModel model = find(name);
        audit.record(actor, "maintenance.model-retrained", name, settings == null ? null : settings.json());
        return startTraining(model, settings == null ? TrainingSettings.DEFAULTS : settings, actor, clock.instant());
    }

    private ModelView startTraining(StoredModel model, TrainingSettings settings, String actor, Instant now) {
        int version = repository.newVersion(model.id(), settings, now, actor);
        AfterCommit.run(transactions, () -> training.submit(model, version, settings));
        return view(model);
    }

    public ModelView view(String name) {
        return view(find(name));
    }

    public List<ModelView> list() {
        return repository.models().stream().map(this::view).toList();
    }

    private ModelView view(StoredModel model) {
        return ModelView.of(model, repository.versions(model.id()));
    }

    private StoredModel find(String name) {
        return repository
                .model(name)
                .orElseThrow(() -> new ModelNotFoundException("no maintenance model named '" + name + "'"));
    }
}
