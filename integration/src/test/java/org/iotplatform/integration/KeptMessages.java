package org.iotplatform.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.iotplatform.telemetry.IncomingTelemetry;
import org.iotplatform.telemetry.TelemetryIngest;

/** Where the dead letter keeps messages in route tests: the rejected-message store, recorded. */
public class KeptMessages extends TelemetryIngest {

    public record Kept(IncomingTelemetry message, String reason) {}

    public final List<Kept> kept = new CopyOnWriteArrayList<>();

    @Override
    public void keepUnstorable(IncomingTelemetry in, String reason) {
        kept.add(new Kept(in, reason));
    }

    /** A dead letter that keeps into {@code store}. */
    public static DeadLetterRoute deadLetter(KeptMessages store) {
        DeadLetterRoute route = new DeadLetterRoute();
        route.ingest = store;
        return route;
    }

    /** Route error handling without waiting between retries. */
    public static <R extends PlatformRoutes> R quick(R routes) {
        routes.redeliveryDelay = java.time.Duration.ofMillis(1);
        return routes;
    }
}
