package org.iotplatform.integration.ingress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;

/** Runs the {@link TelemetryFlowWatch} every {@code iot.ingress.probe-every}. */
@ApplicationScoped
public class TelemetryFlowProbeRoute extends RouteBuilder {

    static final String ROUTE = "telemetry-flow-probe";

    @Inject
    TelemetryFlowWatch watch;

    @Override
    public void configure() {
        if (!watch.start()) {
            return;
        }
        long every = watch.every().toMillis();
        from("timer:" + ROUTE + "?delay=" + every + "&period=" + every)
                .routeId(ROUTE)
                .process(e -> watch.probe(getContext()));
    }
}
