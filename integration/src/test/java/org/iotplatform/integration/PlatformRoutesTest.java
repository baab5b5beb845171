package org.iotplatform.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The error handling every route inherits, on a real Camel context: retried, dead-lettered, or handed back. */
class PlatformRoutesTest extends CamelTestSupport {

    private final AtomicInteger attempts = new AtomicInteger();
    private final KeptMessages store = new KeptMessages();
    private volatile int failuresLeft;
    private volatile RuntimeException failure = new IllegalStateException("database down");
    private DeadLetterRoute deadLetter;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        deadLetter = KeptMessages.deadLetter(store);
        return new RoutesBuilder[] {
            KeptMessages.quick(new PlatformRoutes() {
                @Override
                protected void routes() {
                    from("direct:device").routeId("device-route").process(PlatformRoutesTest.this::step);
                    fromBroker(getContext().getEndpoint("direct:broker"))
                            .routeId("broker-route")
                            .process(PlatformRoutesTest.this::step);
                    fromServices("direct:service").routeId("service-route").process(PlatformRoutesTest.this::step);
                }
            }),
            deadLetter
        };
    }

    private void step(Exchange exchange) {
        attempts.incrementAndGet();
        if (failuresLeft-- > 0) {
            throw failure;
        }
    }

    private Exchange send(String endpoint, String topic) {
        return template.send(endpoint, e -> {
            e.getMessage().setBody("{\"t\":1}".getBytes(StandardCharsets.UTF_8));
            e.getMessage().setHeader(PahoMqtt5Constants.MQTT_TOPIC, topic);
        });
    }

    @Test
    void aPassingFailureIsRetriedInPlace() {
        failuresLeft = 2;
        Exchange done = send("direct:device", "$iothub/pump-1/twin/GET/");
        assertEquals(null, done.getException());
        assertEquals(3, attempts.get());
        assertTrue(store.kept.isEmpty());
    }

    @Test
    void whatKeepsFailingIsKeptWithItsReasonUnderItsDevice() {
        failuresLeft = Integer.MAX_VALUE;
        Exchange done = send("direct:device", "$iothub/pump.1/twin/PATCH/properties/reported/");
        assertEquals(null, done.getException(), "handled by the dead letter");
        assertEquals(1 + 4, attempts.get(), "the first try and four redeliveries");
        assertEquals(1, store.kept.size());
        KeptMessages.Kept kept = store.kept.get(0);
        assertEquals("pump.1", kept.message().deviceId().value());
        assertEquals("route device-route failed: IllegalStateException: database down", kept.reason());
        assertEquals("{\"t\":1}", new String(kept.message().payload(), StandardCharsets.UTF_8));
        assertEquals(
                "$iothub/pump.1/twin/PATCH/properties/reported/", kept.message().topic());
        assertEquals(1, deadLetter.count());
    }

    @Test
    void refusedInputIsNotRetried() {
        failuresLeft = Integer.MAX_VALUE;
        failure = new IllegalArgumentException("not JSON");
        send("direct:device", "devices/d1/messages/events/");
        assertEquals(1, attempts.get());
        assertEquals(
                "route device-route failed: IllegalArgumentException: not JSON",
                store.kept.get(0).reason());
    }

    @Test
    void withoutADeviceTheDeadLetterOnlyLogs() {
        failuresLeft = Integer.MAX_VALUE;
        send("direct:device", "not/a/device/topic");
        assertTrue(store.kept.isEmpty());
        assertEquals(1, deadLetter.count());
    }

    @Test
    void theBrokerRedeliversWhatFailsOnItsRoutes() {
        failuresLeft = 1;
        Exchange done = send("direct:broker", "devices/d1/messages/events/");
        assertInstanceOf(IllegalStateException.class, done.getException(), "left unacknowledged");
        assertEquals(1, attempts.get());
        assertTrue(store.kept.isEmpty());
    }

    @Test
    void servicesGetTheirFailureBack() {
        failuresLeft = 1;
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:service", "x"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, attempts.get());
        assertTrue(store.kept.isEmpty());
    }
}
