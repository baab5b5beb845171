package org.iotplatform.commanding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.iotplatform.infrastructure.concurrent.CommandThreads;
import org.iotplatform.registry.DeviceConnected;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.twin.DeviceTwins;

/**
 * What waits for a device goes out when it comes online, once the registry has recorded that: queued
 * cloud-to-device messages, then the desired properties. On an executor thread, since the EJBs doing
 * it cannot be called from the finishing transaction.
 */
@ApplicationScoped
public class CommandDeliveries {

    private static final Logger LOG = Logger.getLogger(CommandDeliveries.class.getName());

    @Inject
    CloudToDeviceMessages messages;

    @Inject
    DeviceTwins twins;

    @Inject
    CommandThreads executor;

    void connected(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceConnected event) {
        executor.execute(() -> deliver(event.deviceId()));
    }

    private void deliver(DeviceId id) {
        try {
            messages.deviceConnected(id);
        } catch (RuntimeException e) {
            LOG.warning(() -> "queued messages not sent to " + id + ": " + e.getMessage());
        }
        try {
            twins.deviceConnected(id);
        } catch (RuntimeException e) {
            LOG.warning(() -> "desired properties not sent to " + id + ": " + e.getMessage());
        }
    }
}
