package org.iotplatform.edge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iotplatform.edge.link.Command;
import org.junit.jupiter.api.Test;

/** The simulated fleet is the same for the same seed, and its pumps wear out towards failure. */
class FleetModelTest {

    private static List<Map<String, Object>> readings(long seed, int steps) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (FleetSimulator.Member m : FleetSimulator.fleet(2, 3, 2, seed)) {
            for (int i = 0; i < steps; i++) {
                all.add(m.model().step(5));
            }
        }
        return all;
    }

    @Test
    void theSameSeedGivesTheSameFleetAndReadings() {
        assertEquals(readings(7, 50), readings(7, 50));
        assertNotEquals(readings(7, 50), readings(8, 50));
        List<String> ids = FleetSimulator.fleet(2, 3, 2, 7).stream()
                .map(FleetSimulator.Member::deviceId)
                .toList();
        assertEquals(
                List.of(
                        "station-01-pump-1",
                        "station-01-pump-2",
                        "station-01-pump-3",
                        "station-02-pump-1",
                        "station-02-pump-2",
                        "station-02-pump-3",
                        "vending-01",
                        "vending-02"),
                ids);
        assertEquals(
                Map.of("kind", "pump", "station", "station-02", "position", "1"),
                FleetSimulator.fleet(2, 3, 2, 7).get(3).model().tags());
    }

    @Test
    void aPumpWearsTowardsFailureAndMaintenanceRestoresIt() {
        PumpModel pump = new PumpModel(1, "station-01", 1);
        double early = average(pump, "vibration", 100);
        while (pump.wear() < 1.0) {
            pump.step(3600);
        }
        Map<String, Object> failed = pump.step(5);
        assertEquals(true, failed.get("fault"));
        assertTrue((double) failed.get("vibration") > early * 3, "vibration rises with bearing wear: " + failed);
        assertTrue((double) failed.get("flow") < 1, "a failed pump delivers nothing: " + failed);
        pump.maintain();
        assertEquals(false, pump.step(5).get("fault"));
    }

    @Test
    void vendingMachinesSellDownAndRefill() {
        VendingMachineModel machine = new VendingMachineModel(3, "site-1");
        int before = stock(machine.step(5));
        int after = before;
        for (int i = 0; i < 2000; i++) {
            after = stock(machine.step(60));
        }
        assertTrue(after < before, before + " -> " + after);
        machine.refill();
        assertEquals(6 * 20, stock(machine.step(0.001)));
    }

    @Test
    void theFeedbackOfTheExampleRulesCoolsTheDevices() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        VendingMachineModel machine = new VendingMachineModel(3, "site-1");
        assertEquals(
                400,
                machine.command(new Command("runCompressor", json.objectNode().put("minutes", 0)))
                        .status());
        assertEquals(
                200,
                machine.command(new Command("runCompressor", json.objectNode().put("minutes", 10)))
                        .status());
        double cabinet = 0;
        for (int i = 0; i < 50; i++) {
            cabinet = (double) machine.step(6).get("cabinetTemperature"); // five minutes of full cooling
        }
        assertTrue(cabinet < 3, "the cabinet cools towards 2 °C: " + cabinet);
        PumpModel pump = new PumpModel(7, "st-1", 1);
        double full = average(pump, "temperature", 200);
        pump.command(new Command("setSpeed", json.objectNode().put("rpm", 900)));
        double slowed = average(pump, "temperature", 200);
        assertTrue(slowed < full - 2, "a pump slowed down runs cooler: " + full + " -> " + slowed);
    }

    private static double average(PumpModel pump, String metric, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) pump.step(5).get(metric);
        }
        return sum / n;
    }

    private static int stock(Map<String, Object> values) {
        int total = 0;
        for (int s = 1; s <= 6; s++) {
            total += (int) values.get("stock" + s);
        }
        return total;
    }
}
