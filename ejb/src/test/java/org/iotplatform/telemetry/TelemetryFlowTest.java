package org.iotplatform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetryFlowTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final TelemetryFlow flow = new TelemetryFlow(Duration.ofSeconds(30), 100);

    @Test
    void startsUnknownAndFlowsOnceAProbeArrives() {
        assertEquals(
                TelemetryFlow.State.STARTING, flow.assess(Optional.empty(), T0).state());
        long seq = send(T0);
        assertEquals(100, seq);
        assertEquals(
                TelemetryFlow.State.STARTING,
                flow.assess(Optional.empty(), T0.plusSeconds(29)).state());
        var status = flow.assess(Optional.of(new TelemetryFlow.Arrival(seq, T0.plusSeconds(1))), T0.plusSeconds(31));
        assertEquals(TelemetryFlow.State.FLOWING, status.state());
        assertEquals(T0.plusSeconds(1), status.lastArrival());
    }

    @Test
    void aProbeMissingForTheTimeoutStallsTheFlowUntilALaterOneArrives() {
        long first = send(T0);
        flow.assess(Optional.of(new TelemetryFlow.Arrival(first, T0.plusSeconds(1))), T0.plusSeconds(10));
        long lost = send(T0.plusSeconds(10));
        send(T0.plusSeconds(20));
        // an arrival older than the missing probe does not help
        var stalled = flow.assess(Optional.of(new TelemetryFlow.Arrival(first, T0.plusSeconds(1))), T0.plusSeconds(40));
        assertEquals(TelemetryFlow.State.STALLED, stalled.state());
        assertEquals(T0.plusSeconds(40), stalled.stalledSince());
        assertEquals(T0.plusSeconds(1), stalled.lastArrival());
        long later = send(T0.plusSeconds(40));
        var again = flow.assess(Optional.of(new TelemetryFlow.Arrival(later, T0.plusSeconds(42))), T0.plusSeconds(43));
        assertEquals(
                TelemetryFlow.State.FLOWING, again.state(), "probe " + lost + " was lost, but the stream flows again");
        assertNull(again.stalledSince());
    }

    @Test
    void neverAnsweredProbesStallEvenWithoutAnyArrival() {
        send(T0);
        assertEquals(
                TelemetryFlow.State.STALLED,
                flow.assess(Optional.empty(), T0.plusSeconds(30)).state());
    }

    @Test
    void probesTheGatewayDidNotTakeDoNotCount() {
        flow.next(); // publish failed: the gateway is down, devices cannot publish either
        assertEquals(
                TelemetryFlow.State.STARTING,
                flow.assess(Optional.empty(), T0.plusSeconds(300)).state());
    }

    /** Numbers a probe and counts it as acknowledged by the gateway at {@code at}. */
    private long send(Instant at) {
        long seq = flow.next();
        flow.sent(seq, at);
        return seq;
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new TelemetryFlow(Duration.ZERO, 0));
    }
}
