package org.iotplatform.routing;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iotplatform.telemetry.TelemetryMessage;
import org.iotplatform.telemetry.TelemetryStored;

/**
 * Runs stored telemetry through the enabled routes: a match is written to the outbox in the ingest's
 * own transaction (so it exists exactly when the telemetry does), and is delivered from there by the
 * integration layer, which reports each attempt back; failed deliveries are retried with growing
 * pauses (up to ten minutes) until they succeed or the route is removed.
 */
@Stateless
public class TelemetryRouting {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final JsonProvider JSON = JsonProvider.provider(); // looked up once: see TelemetryPolicy

    @Inject
    RoutingRuleRepository rules;

    @Inject
    ActiveRoutes active;

    @Inject
    Clock clock;

    /** Inside the ingest transaction, with the messages it stored. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void route(@Observes TelemetryStored stored) {
        List<ActiveRoutes.Route> routes = routes();
        if (routes.isEmpty()) {
            return;
        }
        List<RoutingRuleRepository.Match> matches = new ArrayList<>();
        for (TelemetryMessage m : stored.messages()) {
            Map<String, String> props = stored.propertiesOf(m);
            for (ActiveRoutes.Route r : routes) {
                if (r.condition().test(m, props)) {
                    matches.add(new RoutingRuleRepository.Match(r.id(), m, body(r.name(), m, props)));
                }
            }
        }
        rules.enqueue(matches, clock.instant());
    }

    private List<ActiveRoutes.Route> routes() {
        List<ActiveRoutes.Route> cached = active.current(REFRESH_NANOS);
        if (cached != null) {
            return cached;
        }
        List<ActiveRoutes.Route> fresh = new ArrayList<>();
        for (RoutingRule r : rules.all()) {
            if (r.enabled()) {
                fresh.add(new ActiveRoutes.Route(r.id(), r.name(), r.condition()));
            }
        }
        active.replace(fresh);
        return fresh;
    }

    /** What an endpoint receives: the message as stored, and which route sent it. */
    static String body(String route, TelemetryMessage m, Map<String, String> properties) {
        JsonObjectBuilder values = JSON.createObjectBuilder();
        m.values().forEach(values::add);
        JsonObjectBuilder props = JSON.createObjectBuilder();
        properties.forEach(props::add);
        return JSON.createObjectBuilder()
                .add("route", route)
                .add("deviceId", m.deviceId().value())
                .add("messageId", m.messageId())
                .add("ts", m.timestamp().toString())
                .add("receivedAt", m.receivedAt().toString())
                .add("values", values)
                .add("properties", props)
                .build()
                .toString();
    }

    /** Up to {@code limit} deliveries to make now, leased to the caller for a minute. */
    public List<OutboxEntry> claimDue(int limit) {
        Instant now = clock.instant();
        return rules.claimDue(now, now.plus(LEASE), limit);
    }

    public void delivered(OutboxEntry entry) {
        rules.removeEntry(entry.id());
        rules.find(entry.ruleId()).ifPresent(r -> r.deliveredOne(clock.instant()));
    }

    public void failed(OutboxEntry entry, String error) {
        Instant next = clock.instant().plus(backOff(entry.attempts()));
        rules.retryLater(entry.id(), error, next);
        rules.find(entry.ruleId()).ifPresent(r -> r.failedOnce(error));
    }

    static Duration backOff(int attempts) {
        return Duration.ofSeconds(Math.min(600, 1L << Math.min(attempts, 10)));
    }
}
