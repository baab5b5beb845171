package org.iotplatform.integration.ingress;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.integration.PlatformRoutes;
import org.iotplatform.protocol.TelemetryTopic;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.IncomingTelemetry;
import org.iotplatform.telemetry.TelemetryIngest;
import org.iotplatform.telemetry.TelemetryProbes;

/**
 * What the MQTT and AMQP ingress routes share: whether this transport is the one reading the stream,
 * the batcher in front of {@link TelemetryIngest}, and turning a message's topic (with its property
 * bag) and payload into an {@link IncomingTelemetry}. Subclasses say how to read topic and bag.
 */
abstract class TelemetryIngressRoute extends PlatformRoutes {

    private static final Logger LOG = Logger.getLogger(TelemetryIngressRoute.class.getName());

    @Inject
    TelemetryIngest ingest;

    @Inject
    TelemetryProbes probes;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    GatewayLink link;

    /** True when {@code transport} reads the stream and the back end has its password. */
    boolean enabled(String transport) {
        if (!link.reads(transport)) {
            return false;
        }
        if (link.password().isEmpty()) {
            LOG.warning("iot.ingress.mqtt.password is not set: no " + transport.toUpperCase() + " telemetry ingress");
            return false;
        }
        return true;
    }

    TelemetryBatcher batcher(int queuedPerLane) {
        return new TelemetryBatcher(ingest, this::read, threads, link.lanes(), link.maxBatch(), queuedPerLane);
    }

    /** The MQTT topic form the message was published to, with its property bag appended. */
    abstract String topicWithPropertyBag(Exchange exchange);

    /** Null for what is not a telemetry topic: the gateway lets devices publish only to their own, so that is a bug. */
    private IncomingTelemetry read(Exchange exchange) {
        String topic = topicWithPropertyBag(exchange);
        if (FlowProbe.isProbe(topic)) {
            // recorded, never stored as telemetry; a database failure fails the exchange, so it comes again
            FlowProbe.parse(exchange.getMessage().getBody(byte[].class))
                    .ifPresentOrElse(
                            p -> probes.arrived(p.instance(), p.seq()),
                            () -> LOG.warning(() -> "not a telemetry-flow probe, ignored: " + topic));
            return null;
        }
        Optional<TelemetryTopic> parsed = TelemetryTopic.parse(topic);
        Optional<DeviceId> device = parsed.flatMap(t -> DeviceId.parse(t.deviceId()));
        if (device.isEmpty()) {
            LOG.warning(() -> "not a telemetry topic, ignored: " + topic);
            return null;
        }
        TelemetryTopic t = parsed.get();
        return new IncomingTelemetry(
                device.get(),
                t.messageId(),
                exchange.getMessage().getBody(byte[].class),
                clock.instant(),
                topic,
                t.properties().asMap());
    }
}
