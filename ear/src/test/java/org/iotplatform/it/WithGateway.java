package org.iotplatform.it;

import static org.iotplatform.it.Platform.routeStarted;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the end-to-end tests that need the real gateway process next to the platform: one gateway
 * per test class (fresh data directory), and the waiting those tests do.
 */
abstract class WithGateway {

    static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.start(Long.toString(System.nanoTime(), 36));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    /** The connection options of a real device: TLS trusting the gateway's CA, user name and SAS token. */
    static MqttConnectionOptions deviceOptions(String id, String key) throws Exception {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("iothub.local/" + id + "/?api-version=2021-04-12");
        o.setPassword(DeviceRegistryIT.sasToken(id, key, Instant.now().plusSeconds(3600))
                .getBytes(StandardCharsets.UTF_8));
        o.setSocketFactory(gateway.deviceTls().getSocketFactory());
        o.setReceiveMaximum(1000);
        return o;
    }

    /** A device connected to the gateway over MQTT 5 and TLS. */
    static MqttClient connectedDevice(String id, String key) throws Exception {
        MqttClient device = new MqttClient("ssl://localhost:" + GatewayProcess.MQTTS_PORT, id, new MemoryPersistence());
        device.connect(deviceOptions(id, key));
        return device;
    }

    /** The same, with Paho's asynchronous client, for many publishes in flight. */
    static MqttAsyncClient connectedAsyncDevice(String id, String key) throws Exception {
        MqttAsyncClient device =
                new MqttAsyncClient("ssl://localhost:" + GatewayProcess.MQTTS_PORT, id, new MemoryPersistence());
        device.connect(deviceOptions(id, key)).waitForCompletion(30_000);
        return device;
    }

    /** Waits until the platform's telemetry route is connected to the gateway. */
    static void awaitIngress(Duration timeout) throws InterruptedException {
        await(
                "the telemetry ingress is connected to the gateway",
                timeout,
                () -> routeStarted("telemetry-mqtt-ingress-1"));
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes. An exception counts as "not
     * yet", and the last one is reported with the time-out, so a failure says what went wrong.
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                last = notYet;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failed = new AssertionError("not within " + timeout + ": " + what
                        + (last == null ? "" : " (last attempt failed: " + last + ")"));
                if (last != null) {
                    failed.initCause(last);
                }
                throw failed;
            }
            Thread.sleep(200);
        }
    }
}
