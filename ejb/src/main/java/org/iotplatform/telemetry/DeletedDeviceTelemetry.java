package org.iotplatform.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.iotplatform.registry.DeviceDeleted;

/**
 * A deleted device's telemetry goes with it, in the deleting transaction: left behind, its
 * (device, message id) claims made a device created again under the same id lose every message that
 * reused an old id as a "duplicate", and its history showed up as the new device's.
 */
@ApplicationScoped
public class DeletedDeviceTelemetry {

    @Inject
    TelemetryStore store;

    void deleted(@Observes DeviceDeleted event) {
        store.erase(event.deviceId());
    }
}
