package org.iotplatform.integration.ingress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.iotplatform.integration.PlatformRoutes;

/** Runs the {@link TelemetryFlowWatch} every {@code iot.ingress.probe-every}. */
@ApplicationScoped
public class TelemetryFlowProbeRoute extends PlatformRoutes {

    static final String ROUTE = "telemetry-flow-probe";

    @Inject
    TelemetryFlowWatch watch;

    @Override
    protected void routes() {
        if (!watch.start()) {
            return;
        }
        long every = watch.every().toMillis();
        fromTimer(ROUTE, every, every).process(e -> watch.probe(getContext()));
    }
}
