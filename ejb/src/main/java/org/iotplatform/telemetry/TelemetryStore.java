package org.iotplatform.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.iotplatform.registry.DeviceId;

/** Where telemetry and refused messages are kept. */
public interface TelemetryStore {

    /** Stores the message unless one with its id was stored already; true when stored now. */
    boolean storeOnce(TelemetryMessage message);

    void reject(RejectedMessage rejected);

    /** Values of a device in [from, to), oldest first, optionally of one metric, handed over one by one. */
    void history(DeviceId device, Instant from, Instant to, Optional<String> metric, int limit, Consumer<TelemetryPoint> sink);

    List<RejectedMessage> rejected(Optional<DeviceId> device, int limit);
}
