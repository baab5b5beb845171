package org.iotplatform.maintenance;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the watched devices of each trained model scored: every 30 s, each device with records newer
 * than its estimate is scored again (one transaction each; a device that fails is logged and skipped).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RulWatch {

    private static final Logger LOG = Logger.getLogger(RulWatch.class.getName());

    @Inject
    TrainingSteps steps;

    @Inject
    MaintenanceModels models;

    @Inject
    RulEstimates estimates;

    @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
    void scoreWatchedDevices() {
        for (ModelView model : models.list()) {
            if (model.watch() == null || model.activeVersion() == null) {
                continue;
            }
            for (String device : steps.devicesTagged(DeviceTag.parse(model.watch()))) {
                try {
                    estimates.estimate(device, model.name());
                } catch (ModelNotFoundException e) {
                    LOG.log(Level.FINE, "not scored: " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "device " + device + " not scored by model " + model.name(), e);
                }
            }
        }
    }
}
