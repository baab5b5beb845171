package org.iotplatform.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.DeviceStatus;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

    static DeviceSnapshot pump(String id, String position, boolean connected, Map<String, Double> values) {
        return new DeviceSnapshot(
                id,
                Map.of("station", "s1", "position", position),
                DeviceStatus.ENABLED,
                connected ? ConnectionState.CONNECTED : ConnectionState.DISCONNECTED,
                T,
                values.isEmpty() ? null : T,
                values);
    }

    @Test
    void healthIsTheWorstThatApplies() {
        assertEquals(Health.EMPTY, Health.of(0, 0, 0));
        assertEquals(Health.DOWN, Health.of(4, 0, 0));
        assertEquals(Health.DEGRADED, Health.of(4, 3, 0));
        assertEquals(Health.DEGRADED, Health.of(4, 4, 1));
        assertEquals(Health.OK, Health.of(4, 4, 0));
        assertEquals(Health.DOWN, Health.OK.worse(Health.DOWN));
        assertEquals(Health.DEGRADED, Health.DEGRADED.worse(Health.OK));
        assertEquals(Health.DEGRADED, new StationSummary("s1", 5, 3, 1).health());
        assertEquals(Health.OK, new StationSummary("s1", 5, 4, 1).health());
    }

    @Test
    void aStationIsInPositionOrderAndAFaultDegradesIt() {
        StationStatus station = new StationStatus(
                "s1",
                List.of(
                        pump("p-b", "2", true, Map.of("speed", 1450.0, "fault", 0.0)),
                        pump("p-a", "10", true, Map.of("speed", 1450.0)),
                        pump("p-c", "1", true, Map.of("speed", 0.0, "fault", 1.0))));
        assertEquals(
                List.of("p-c", "p-b", "p-a"),
                station.devices().stream().map(DeviceSnapshot::deviceId).toList());
        assertEquals(Health.DEGRADED, station.health());
        assertEquals(PumpState.FAULT, PumpState.of(station.devices().get(0)));
        assertEquals(PumpState.RUNNING, PumpState.of(station.devices().get(1)));
    }

    @Test
    void pumpStatesFollowRegistryAndValues() {
        assertEquals(PumpState.OFFLINE, PumpState.of(pump("p", "1", false, Map.of("speed", 1450.0))));
        assertEquals(PumpState.STOPPED, PumpState.of(pump("p", "1", true, Map.of("speed", 0.0))));
        DeviceSnapshot disabled =
                new DeviceSnapshot("p", Map.of(), DeviceStatus.DISABLED, ConnectionState.CONNECTED, T, T, Map.of());
        assertEquals(PumpState.DISABLED, PumpState.of(disabled));
        assertEquals("Running", PumpState.RUNNING.label());
    }

    @Test
    void liveValuesMergeAndLateOnesAreIgnored() {
        DeviceSnapshot p = pump("p", "1", true, Map.of("flow", 50.0, "speed", 1450.0));
        DeviceSnapshot newer = p.with(Map.of("flow", 61.5), T.plusSeconds(5));
        assertEquals(61.5, newer.value("flow").orElseThrow());
        assertEquals(1450.0, newer.value("speed").orElseThrow(), "metrics not in the message keep their value");
        assertEquals(T.plusSeconds(5), newer.lastValueAt());
        assertSame(newer, newer.with(Map.of("flow", 1.0), T), "an older message changes nothing");
        DeviceSnapshot reconnected = newer.withStateOf(pump("p", "1", false, Map.of("flow", 50.0)));
        assertFalse(reconnected.connected());
        assertEquals(
                61.5, reconnected.value("flow").orElseThrow(), "the registry's older values do not win over live ones");
    }

    @Test
    void aMachineNeedsAVisitWhenASlotIsLowOrTheCabinetWarm() {
        RefillRule rule = new RefillRule(3, 8.0);
        VendingStatus fine = rule.assess(vending(Map.of("stock1", 12.0, "stock2", 4.0, "cabinetTemperature", 4.6)));
        assertFalse(fine.needsRefill());
        assertFalse(fine.tooWarm());
        assertEquals(List.of(12, 4), fine.stock());
        assertEquals(4, fine.lowestStock());

        VendingStatus low =
                rule.assess(vending(Map.of("stock1", 3.0, "stock2", 9.0, "stock3", 0.0, "cabinetTemperature", 9.5)));
        assertTrue(low.needsRefill());
        assertEquals(List.of(1, 3), low.slotsToRefill());
        assertTrue(low.tooWarm());
        assertEquals("site-a", low.site());

        VendingStatus silent = rule.assess(vending(Map.of()));
        assertTrue(silent.stock().isEmpty());
        assertFalse(silent.needsRefill(), "no values yet is not a refill");
    }

    private static DeviceSnapshot vending(Map<String, Double> values) {
        return new DeviceSnapshot(
                "vm-1",
                Map.of("kind", "vending", "site", "site-a"),
                DeviceStatus.ENABLED,
                ConnectionState.CONNECTED,
                T,
                T,
                values);
    }
}
