package org.iotplatform.monitoring;

import java.util.ArrayList;
import java.util.List;

/** When a vending machine needs a visit: a slot at or below {@code refillAt} items, or a cabinet above {@code maxCabinetTemperature}. */
public record RefillRule(int refillAt, double maxCabinetTemperature) {

    static final int MAX_SLOTS = 64;

    public VendingStatus assess(DeviceSnapshot machine) {
        List<Integer> stock = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        for (int slot = 1; slot <= MAX_SLOTS; slot++) {
            Double level = machine.latest().get("stock" + slot);
            if (level == null) {
                break;
            }
            stock.add((int) Math.round(level));
            if (level <= refillAt) {
                low.add(slot);
            }
        }
        boolean tooWarm = machine.value("cabinetTemperature")
                .filter(t -> t > maxCabinetTemperature)
                .isPresent();
        return new VendingStatus(machine, List.copyOf(stock), List.copyOf(low), tooWarm);
    }
}
