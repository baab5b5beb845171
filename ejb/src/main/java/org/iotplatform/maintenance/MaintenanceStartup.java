package org.iotplatform.maintenance;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * At start: trainings that were running when the server stopped will not finish (their thread is
 * gone), so they are marked failed with that reason and can be started again.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceStartup {

    private static final Logger LOG = Logger.getLogger(MaintenanceStartup.class.getName());

    @Inject
    TrainingSteps steps;

    @PostConstruct
    void abandonInterruptedTraining() {
        int abandoned = steps.abandonTraining("interrupted: the server stopped during training; train it again");
        if (abandoned > 0) {
            LOG.warning(abandoned + " maintenance model trainings were interrupted by a server stop");
        }
    }
}
