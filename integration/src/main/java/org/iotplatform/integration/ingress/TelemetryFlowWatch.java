package org.iotplatform.integration.ingress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.integration.egress.CommandEgressRoute;
import org.iotplatform.telemetry.TelemetryFlow;
import org.iotplatform.telemetry.TelemetryProbes;

/**
 * Watches that device telemetry still reaches storage. Every {@code iot.ingress.probe-every} it sends a
 * {@link FlowProbe} through the gateway on the telemetry stream and checks that the previous ones
 * arrived (any platform instance records them). When one is missing for
 * {@code iot.ingress.probe-timeout} the stream is stalled: readiness goes down, the log says so once,
 * and the ingress subscription is made again (a subscription removed on the broker by anything
 * else would otherwise stay gone while devices keep getting acknowledgements).
 */
@ApplicationScoped
public class TelemetryFlowWatch {

    private static final Logger LOG = Logger.getLogger(TelemetryFlowWatch.class.getName());

    @Inject
    GatewayLink link;

    @Inject
    TelemetryProbes probes;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.ingress.probe-every", defaultValue = "PT10S")
    Duration every;

    @Inject
    @ConfigProperty(name = "iot.ingress.probe-timeout", defaultValue = "PT30S")
    Duration timeout;

    private volatile TelemetryFlow flow;
    private volatile Instant lastResubscribe = Instant.MIN;

    /** Starts watching; false when there is no ingress to watch (TelemetryIngressRoute says why). */
    synchronized boolean start() {
        if (link.password().isEmpty()) {
            return false;
        }
        if (flow == null) {
            // numbers keep growing across restarts, so a probe from an earlier run never counts as a new one
            flow = new TelemetryFlow(timeout, clock.millis() * 1000);
        }
        return true;
    }

    Duration every() {
        return every;
    }

    /** Empty when nothing is watched (no ingress configured). */
    public Optional<TelemetryFlow.Status> status() {
        TelemetryFlow f = flow;
        return f == null ? Optional.empty() : Optional.of(f.status());
    }

    /** One round: judge the probes sent so far, repair a stalled stream, send the next probe. */
    void probe(CamelContext camel) {
        TelemetryFlow f = flow;
        String instance = link.mqttClientId();
        Instant now = clock.instant();
        boolean wasStalled = f.status().stalled();
        TelemetryFlow.Status status;
        try {
            status = f.assess(probes.newest(instance), now);
        } catch (RuntimeException e) {
            // the database is down: DatabaseReadiness reports that; probes are judged once it is back
            LOG.log(Level.FINE, "cannot read telemetry-flow probes", e);
            status = f.assess(Optional.empty(), now);
        }
        if (status.stalled()) {
            if (!wasStalled) {
                LOG.severe("device telemetry is not reaching storage: " + status.reason()
                        + "; devices may be publishing while nothing is stored. Subscribing again.");
            }
            if (!lastResubscribe.plus(timeout).isAfter(now)) {
                lastResubscribe = now;
                subscribeAgain(camel);
            }
        } else if (wasStalled) {
            LOG.warning("device telemetry reaches storage again (" + status.reason() + ")");
        }
        long seq = f.next();
        try {
            // QoS 1 and a synchronous client: this returns once the gateway acknowledged the probe
            camel.createFluentProducerTemplate()
                    .to(CommandEgressRoute.EGRESS)
                    .withBody(new FlowProbe(instance, seq).payload())
                    .withHeaders(Map.of(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, FlowProbe.TOPIC))
                    .request();
            f.sent(seq, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "gateway did not take telemetry-flow probe " + seq, e);
        }
    }

    /**
     * Subscribes each MQTT ingress connection again (the broker makes the shared subscription anew if it
     * is gone; an existing one is kept), or restarts an ingress route that is not connected.
     */
    private void subscribeAgain(CamelContext camel) {
        for (Route route : camel.getRoutes()) {
            if (!route.getRouteId().startsWith("telemetry-")
                    || !route.getRouteId().contains("-ingress")) {
                continue;
            }
            try {
                if (route.getConsumer() instanceof PahoMqtt5Consumer paho
                        && paho.getClient() != null
                        && paho.getClient().isConnected()) {
                    MqttClient client = paho.getClient();
                    client.subscribe(MqttTelemetryRoute.SUBSCRIPTION, 1);
                    LOG.info(() -> "subscribed " + client.getClientId() + " to the telemetry stream again");
                } else {
                    camel.getRouteController().stopRoute(route.getRouteId());
                    camel.getRouteController().startRoute(route.getRouteId());
                    LOG.info(() -> "restarted ingress route " + route.getRouteId());
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "cannot subscribe ingress route " + route.getRouteId() + " again", e);
            }
        }
    }
}
