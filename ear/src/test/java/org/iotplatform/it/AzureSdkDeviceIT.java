package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Microsoft's Azure IoT device SDK for Java (iot-device-client 2.5.0) as the device, with nothing but
 * the connection string the platform hands out: direct methods, twin read, reported properties and
 * desired-property callbacks.
 */
@ExtendWith(ArquillianExtension.class)
class AzureSdkDeviceIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void theAzureDeviceSdkAnswersMethodsAndKeepsItsTwin() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        await("command routes", Duration.ofSeconds(60), () -> Platform.routeStarted("device-twin-reports"));
        String id = newId("sdk");
        String connectionString = field(create(id, "{}").body(), "connectionString");
        assertTrue(connectionString.contains("GatewayHostName=localhost"), connectionString);
        DeviceClient client = new DeviceClient(
                connectionString,
                IotHubClientProtocol.MQTT,
                ClientOptions.builder().sslContext(gateway.deviceTls()).build());
        List<String> desired = new CopyOnWriteArrayList<>();
        try {
            client.open(true);
            client.subscribeToMethods(
                    (method, payload, context) -> "reboot".equals(method)
                            ? new DirectMethodResponse(
                                    200, java.util.Map.of("rebooting", true, "asked", payload.getPayloadAsJsonString()))
                            : new DirectMethodResponse(404, java.util.Map.of("error", "no method " + method)),
                    null);
            client.subscribeToDesiredProperties(
                    (twin, context) -> desired.add(twin.getDesiredProperties().toString()), null);
            await(
                    id + " connected",
                    Duration.ofSeconds(15),
                    () -> body("/api/v1/devices/" + id, ADMIN).contains("\"connectionState\":\"connected\""));

            var answer = sendJson(
                    "POST",
                    "/api/v1/devices/" + id + "/methods/reboot",
                    ADMIN,
                    "{\"payload\":{\"delay\":5},\"timeoutSeconds\":20}");
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(
                    answer.body().startsWith("{\"status\":200,\"payload\":{")
                            && answer.body().contains("\"rebooting\":true")
                            && answer.body().contains("delay"),
                    answer.body());
            var unknown =
                    sendJson("POST", "/api/v1/devices/" + id + "/methods/format", ADMIN, "{\"timeoutSeconds\":20}");
            assertTrue(unknown.body().startsWith("{\"status\":404"), unknown.body());

            TwinCollection reported = new TwinCollection();
            reported.put("firmware", "2.5.0");
            reported.put("battery", 87);
            try {
                ReportedPropertiesUpdateResponse updated = client.updateReportedProperties(reported);
                assertEquals(2, updated.getVersion(), "first reported patch makes version 2");
            } catch (IotHubClientException e) {
                // SDK 2.5.0 race (Azure/azure-iot-sdk-java#1803, fix proposed in PR #1847): an answer that
                // arrives fast can be taken off the queue before its callback is looked up, and the call
                // times out although it was answered. The platform's side is checked below (and the 204
                // with its version by DeviceTwinIT's Paho device).
                assertTrue(e.getMessage().contains("Timed out"), e.toString());
                System.out.println(
                        "Azure SDK missed the reported-properties answer (SDK race #1803): " + e.getMessage());
            }
            String stored = body("/api/v1/devices/" + id + "/twin", ADMIN);
            assertTrue(
                    stored.contains("\"firmware\":\"2.5.0\"")
                            && stored.contains("\"$version\":2") /* reported's: desired is at 1 */,
                    stored);

            assertEquals(
                    200,
                    sendJson(
                                    "PATCH",
                                    "/api/v1/devices/" + id + "/twin",
                                    ADMIN,
                                    "{\"properties\":{\"desired\":{\"telemetryInterval\":15}}}")
                            .statusCode());
            await(
                    "the SDK's desired-property callback ran",
                    Duration.ofSeconds(20),
                    () -> desired.stream().anyMatch(d -> d.contains("telemetryInterval")));

            Twin twin = getTwin(client);
            assertEquals(
                    15, ((Number) twin.getDesiredProperties().get("telemetryInterval")).intValue(), twin.toString());
            assertEquals("2.5.0", twin.getReportedProperties().get("firmware"), twin.toString());
        } finally {
            client.close();
        }
    }

    /** A read, so asked again once when the SDK misses its answer (SDK race #1803, see above). */
    private static Twin getTwin(DeviceClient client) throws Exception {
        try {
            return client.getTwin();
        } catch (IotHubClientException e) {
            System.out.println("Azure SDK missed the twin answer (SDK race #1803), asking again: " + e.getMessage());
            return client.getTwin();
        }
    }

    private static String body(String path, String auth) {
        try {
            return get(path, auth).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
