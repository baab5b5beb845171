package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform reading telemetry over AMQP 1.0 instead of MQTT ({@code iot.ingress.transport=amqp}):
 * a shared durable subscription on the gateway, the same storage, de-duplication and rejection.
 * Not the first test class: it needs the server up to set its system properties before deploying.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryAmqpIngressIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final String DEPLOYMENT = "amqp-ingress";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void telemetryReadOverAmqpIsStoredOnceAndBadInputKept() throws Exception {
        Platform.asadmin(
                "create-system-properties",
                "iot.ingress.transport=amqp:iot.ingress.amqp.url=amqp\\://localhost\\:" + GatewayProcess.AMQP_PORT);
        try {
            deployer.deploy(DEPLOYMENT);
            await(
                    "the AMQP ingress is connected",
                    Duration.ofSeconds(60),
                    () -> Platform.routeStarted("telemetry-amqp-ingress"));
            String status = Platform.platformStatus();
            assertFalse(status.contains("telemetry-mqtt-ingress"), "one transport reads the stream: " + status);

            String id = newId("amqp-in");
            String key = field(create(id, "{}").body(), "primaryKey");
            MqttClient device = connectedDevice(id, key);
            List<String[]> messages = new ArrayList<>(List.of(
                    new String[] {"a1", "{\"temperature\":21.5}"},
                    new String[] {"a2", "{\"temperature\":22.5}"},
                    new String[] {"a2", "{\"temperature\":22.5}"},
                    new String[] {"a3", "not json"},
                    new String[] {"a4", "{\"temperature\":23.5}"}));
            for (String[] m : messages) {
                MqttMessage message = new MqttMessage(m[1].getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                device.publish("devices/" + id + "/messages/events/$.mid=" + m[0], message);
            }
            device.disconnect();
            device.close();

            String path =
                    "/api/v1/devices/" + id + "/telemetry?from=" + Instant.now().minusSeconds(3600);
            await(
                    "three values stored once",
                    Duration.ofSeconds(30),
                    () -> body(path).split("\"metric\"").length - 1 == 3);
            await(
                    "the bad one kept with its reason",
                    Duration.ofSeconds(10),
                    () -> body("/api/v1/devices/" + id + "/rejected").contains("\"messageId\":\"a3\""));
            Thread.sleep(1000);
            assertTrue(body(path).split("\"metric\"").length - 1 == 3, "the duplicate a2 stored once: " + body(path));
        } finally {
            deployer.undeploy(DEPLOYMENT);
            // a deleted system property stays in the running JVM: put the default back for the next classes
            Platform.asadmin("create-system-properties", "iot.ingress.transport=mqtt");
            Platform.asadmin("delete-system-property", "iot.ingress.transport");
            Platform.asadmin("delete-system-property", "iot.ingress.amqp.url");
        }
    }

    private static String body(String path) {
        try {
            return get(path, ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
