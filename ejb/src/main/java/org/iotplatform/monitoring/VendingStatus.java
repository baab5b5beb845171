package org.iotplatform.monitoring;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A vending machine as the refill round sees it: stock per slot ({@code stock1}, {@code stock2}, ...),
 * the slots at or below the refill level, and whether the cabinet is too warm for what it sells.
 */
public record VendingStatus(DeviceSnapshot machine, List<Integer> stock, List<Integer> slotsToRefill, boolean tooWarm) {

    public boolean needsRefill() {
        return !slotsToRefill.isEmpty();
    }

    public int lowestStock() {
        return stock.stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    public OptionalDouble cabinetTemperature() {
        return machine.value("cabinetTemperature").map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    public String site() {
        return machine.tag("site").orElse("");
    }
}
