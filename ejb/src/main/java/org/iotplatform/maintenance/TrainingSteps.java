package org.iotplatform.maintenance;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** A training job's reads and records, each in a short transaction of its own (the job runs for minutes). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TrainingSteps {

    @Inject
    MaintenanceRepository repository;

    @Inject
    Clock clock;

    public List<String> devicesTagged(DeviceTag tag) {
        return repository.devicesTagged(tag);
    }

    public DeviceHistory history(String deviceId, ModelDefinition model, int maxRecords) {
        return repository.history(deviceId, model, clock.instant(), maxRecords);
    }

    public void stage(long modelId, int version, String stage) {
        repository.stage(modelId, version, stage);
    }

    public void trained(long modelId, int version, MaintenanceRepository.Trained trained, byte[] model) {
        repository.trained(modelId, version, trained, model, clock.instant());
    }

    public void failed(long modelId, int version, String reason) {
        repository.failed(modelId, version, reason, clock.instant());
    }

    public int abandonTraining(String reason) {
        return repository.abandonTraining(reason, clock.instant());
    }
}
