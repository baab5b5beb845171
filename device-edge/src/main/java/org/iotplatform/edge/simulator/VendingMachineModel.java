package org.iotplatform.edge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.iotplatform.edge.link.Command;
import org.iotplatform.edge.link.CommandHandler;

/**
 * A vending machine: six slots that sell down at their own rates, a cooled cabinet whose temperature
 * rises while the door is open (refills, or a door left ajar), and the cash box filling with sales.
 * Told to {@code runCompressor}, it cools hard for a while: the feedback a "cabinet too warm" rule sends.
 */
public final class VendingMachineModel implements DeviceModel {

    private static final int SLOTS = 6;
    private static final int CAPACITY = 20;
    private final Random random;
    private final String site;
    private final int[] stock = new int[SLOTS];
    private final double[] salesPerHour = new double[SLOTS];
    private double cabinetTemperature = 5;
    private double cash;
    private long salesTotal;
    private double doorOpenFor;
    private double compressorBoostFor;

    public VendingMachineModel(long seed, String site) {
        this.random = new Random(seed);
        this.site = site;
        for (int s = 0; s < SLOTS; s++) {
            stock[s] = 5 + random.nextInt(CAPACITY - 4);
            salesPerHour[s] = 0.5 + random.nextDouble() * 6;
        }
        cash = 20 + random.nextInt(80);
    }

    @Override
    public synchronized Map<String, Object> step(double seconds) {
        int soldNow = 0;
        for (int s = 0; s < SLOTS; s++) {
            if (stock[s] > 0 && random.nextDouble() < salesPerHour[s] * seconds / 3600) {
                stock[s]--;
                soldNow++;
                cash += 1.5 + 0.5 * (s % 3);
            }
        }
        salesTotal += soldNow;
        if (doorOpenFor <= 0 && random.nextDouble() < 0.002 * seconds) {
            doorOpenFor = 30 + random.nextInt(240);
        }
        boolean doorOpen = doorOpenFor > 0;
        doorOpenFor = Math.max(0, doorOpenFor - seconds);
        boolean boost = compressorBoostFor > 0;
        compressorBoostFor = Math.max(0, compressorBoostFor - seconds);
        double target = boost ? 2 : doorOpen ? 14 : 4.5;
        double settle = boost ? 60 : 300; // seconds to close most of the gap
        cabinetTemperature +=
                (target - cabinetTemperature) * Math.min(1, seconds / settle) + 0.05 * random.nextGaussian();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int s = 0; s < SLOTS; s++) {
            values.put("stock" + (s + 1), stock[s]);
        }
        values.put("cabinetTemperature", PumpModel.round(cabinetTemperature, 2));
        values.put("doorOpen", doorOpen);
        values.put("sales", soldNow);
        values.put("salesTotal", salesTotal);
        values.put("cashLevel", PumpModel.round(cash, 2));
        return values;
    }

    /** {@code runCompressor {"minutes": n}} (1-60, default 10): full cooling for that long. */
    @Override
    public synchronized CommandHandler.Result command(Command command) {
        if (!command.name().equals("runCompressor")) {
            return DeviceModel.super.command(command);
        }
        JsonNode minutes = command.payload().path("minutes");
        int m = minutes.isMissingNode() || minutes.isNull() ? 10 : minutes.isInt() ? minutes.asInt() : -1;
        if (m < 1 || m > 60) {
            return CommandHandler.Result.error(400, "runCompressor takes {\"minutes\": 1..60}");
        }
        compressorBoostFor = m * 60.0;
        return CommandHandler.Result.ok(Map.of("compressorMinutes", m));
    }

    /** A refill: every slot full, the cash box emptied. */
    public void refill() {
        java.util.Arrays.fill(stock, CAPACITY);
        cash = 0;
    }

    @Override
    public Map<String, String> tags() {
        return Map.of("kind", "vending", "site", site);
    }
}
