package org.iotplatform.gateway;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import org.iotplatform.gateway.config.GatewaySettings;

/** Command line entry: {@code java -jar iot-device-gateway.jar [serve]}. */
public final class GatewayMain {

    private static final Logger LOG = Logger.getLogger(GatewayMain.class.getName());
    /** Held so the level sticks: Artemis' audit log is one INFO line per login, too much for a device fleet. */
    private static final Logger ARTEMIS_AUDIT = Logger.getLogger("org.apache.activemq.audit");

    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("java.util.logging.config.file") == null) {
            ARTEMIS_AUDIT.setLevel(java.util.logging.Level.WARNING);
        }
        String command = args.length == 0 ? "serve" : args[0];
        switch (command) {
            case "serve" -> serve();
            case "help", "-h", "--help" -> usage();
            default -> {
                System.err.println("unknown command: " + command);
                usage();
                System.exit(2);
            }
        }
    }

    private static void serve() throws Exception {
        GatewaySettings settings;
        try {
            settings = GatewaySettings.load();
        } catch (IllegalArgumentException e) {
            System.err.println("configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway = Gateway.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("shutting down");
                            gateway.close();
                            stopped.countDown();
                        },
                        "gateway-shutdown"));
        stopped.await();
    }

    private static void usage() {
        System.out.println("""
            usage: java -jar iot-device-gateway.jar [serve]
              serve     run the device gateway (default); settings: iot.gateway.* system properties or
                        IOT_GATEWAY_* environment variables, see device-gateway/README.md
            The fleet simulator (simulate), the Modbus adapter (modbus) and load mode (load) are
            commands of iot-device-edge.jar (device-edge/README.md).""");
    }
}
