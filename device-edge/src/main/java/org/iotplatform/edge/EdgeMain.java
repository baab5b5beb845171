package org.iotplatform.edge;

import org.iotplatform.edge.modbus.ModbusAdapter;
import org.iotplatform.edge.simulator.FleetSimulator;
import org.iotplatform.edge.simulator.LoadMode;

/**
 * Command line entry: {@code java -jar iot-device-edge.jar simulate | modbus | load}. The benchmark
 * load generators have main classes of their own ({@code java -cp iot-device-edge.jar
 * org.iotplatform.edge.bench.TelemetryLoad ...}).
 */
public final class EdgeMain {

    private EdgeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String command = args[0];
        switch (command) {
            case "simulate" -> FleetSimulator.run(args);
            case "modbus" -> ModbusAdapter.run(args);
            case "load" -> {
                LoadMode.run(args);
                System.exit(0);
            }
            case "help", "-h", "--help" -> usage();
            default -> {
                System.err.println("unknown command: " + command);
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.out.println("""
            usage: java -jar iot-device-edge.jar simulate --admin-password-file F [options]
                                               | modbus --config F [options] | load [options]
              simulate  run the simulated fleet (pumping stations, vending machines) against a gateway
              modbus    run the Modbus TCP protocol adapter: poll controllers, send their registers as
                        telemetry under their own device identities, write commands to them
              load      load mode for benchmarks: N devices at R messages/s each, progress and summary
              options of each command: device-edge/README.md""");
    }
}
