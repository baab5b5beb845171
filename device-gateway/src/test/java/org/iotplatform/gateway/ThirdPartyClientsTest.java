package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.RunningGateway;
import org.iotplatform.gateway.testing.SasTokens;
import org.junit.jupiter.api.Test;

/** Devices the gateway did not write: Debian's mosquitto clients and Microsoft's Azure IoT device SDK. */
class ThirdPartyClientsTest {

    private static final Path MOSQUITTO_PUB = Path.of("/usr/bin/mosquitto_pub");
    private static final int AZURE_SDK_PORT = 8883; // fixed in iot-device-client 2.5.0

    @Test
    void mosquittoPubOverTlsIsReceivedByTheBackendAndABadTokenIsRefused() throws Exception {
        assertTrue(Files.isExecutable(MOSQUITTO_PUB), MOSQUITTO_PUB + " is missing: apt-get install mosquitto-clients");
        try (RunningGateway gw = RunningGateway.start();
                Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            gw.platform.register("mosq-001");
            int exit = mosquittoPub(
                    gw, "mosq-001", gw.platform.token("mosq-001", inOneHour()), "{\"from\":\"mosquitto\"}");
            assertEquals(0, exit, "mosquitto_pub failed");
            Received received = backend.next(Duration.ofSeconds(5));
            assertNotNull(received, "the back end got nothing");
            assertEquals("devices/mosq-001/messages/events/", received.topic());
            assertEquals("{\"from\":\"mosquitto\"}", received.payload());

            String forged = SasTokens.sign(RunningGateway.HUB, "mosq-001", SasTokens.newKey(), inOneHour());
            assertNotEquals(
                    0, mosquittoPub(gw, "mosq-001", forged, "{\"forged\":true}"), "a forged token must be refused");
            assertTrue(backend.drain(Duration.ofMillis(500)).isEmpty());
        }
    }

    @Test
    void azureIotDeviceSdkSendsTelemetryThatTheBackendReceives() throws Exception {
        assertPortFree(AZURE_SDK_PORT);
        try (RunningGateway gw = RunningGateway.startOnMqttsPort(AZURE_SDK_PORT);
                Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            String key = gw.platform.register("sdk-001");
            String connectionString = "HostName=" + RunningGateway.HUB + ";DeviceId=sdk-001;SharedAccessKey=" + key
                    + ";GatewayHostName=localhost";
            DeviceClient client = new DeviceClient(
                    connectionString,
                    IotHubClientProtocol.MQTT,
                    ClientOptions.builder().sslContext(gw.trustingCa()).build());
            try {
                client.open(false);
                Message message = new Message("{\"temperature\":42.0}");
                message.setMessageId("sdk-m1");
                message.setContentType("application/json");
                client.sendEvent(message);
                Received received = backend.next(Duration.ofSeconds(10));
                assertNotNull(received, "the back end got nothing");
                assertTrue(received.topic().startsWith("devices/sdk-001/messages/events/"), received.topic());
                assertTrue(
                        received.topic().contains("%24.mid=sdk-m1")
                                || received.topic().contains("$.mid=sdk-m1"),
                        received.topic());
                assertEquals("{\"temperature\":42.0}", received.payload());
            } finally {
                client.close();
            }
        }
    }

    private static int mosquittoPub(RunningGateway gw, String deviceId, String token, String payload) throws Exception {
        Process process = new ProcessBuilder(List.of(
                        MOSQUITTO_PUB.toString(),
                        "-h",
                        "localhost",
                        "-p",
                        String.valueOf(gw.mqttsPort),
                        "--cafile",
                        gw.caCertificate().toString(),
                        "-V",
                        "mqttv311",
                        "-q",
                        "1",
                        "-i",
                        deviceId,
                        "-u",
                        RunningGateway.HUB + "/" + deviceId + "/?api-version=2021-04-12",
                        "-P",
                        token,
                        "-t",
                        "devices/" + deviceId + "/messages/events/",
                        "-m",
                        payload))
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "mosquitto_pub hung");
        System.out.println(
                "mosquitto_pub: " + new String(process.getInputStream().readAllBytes()).trim());
        return process.exitValue();
    }

    private static void assertPortFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            // free
        } catch (IOException e) {
            throw new AssertionError(
                    "port " + port + " is in use (the Azure SDK can only use 8883): stop the running gateway", e);
        }
    }
}
