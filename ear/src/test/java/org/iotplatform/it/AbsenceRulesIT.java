package org.iotplatform.it;

import static org.iotplatform.it.AlertsIT.body;
import static org.iotplatform.it.AlertsIT.number;
import static org.iotplatform.it.AlertsIT.occurrences;
import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Absence rules: a device that falls silent, a device that stays disconnected; both clear when it is back. */
@ExtendWith(ArquillianExtension.class)
class AbsenceRulesIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void aSilentDeviceRaisesAnAlertThatItsNextMessageClears() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String kind = "level-" + newId("k");
        String id = newId("silent");
        String key = field(create(id, "{\"kind\":\"" + kind + "\"}").body(), "primaryKey");
        for (String bad : new String[] {
            "{\"name\":\"" + newId("x") + "\",\"devices\":{\"all\":true},\"severity\":\"minor\"}",
            "{\"name\":\"" + newId("x") + "\",\"devices\":{\"all\":true},\"condition\":\"level < 5\","
                    + "\"noTelemetryFor\":\"PT1M\",\"severity\":\"minor\"}",
            "{\"name\":\"" + newId("x") + "\",\"devices\":{\"all\":true},\"noTelemetryFor\":\"ten minutes\","
                    + "\"severity\":\"minor\"}",
            "{\"name\":\"" + newId("x") + "\",\"devices\":{\"all\":true},\"noTelemetryFor\":\"PT1M\","
                    + "\"inARow\":2,\"severity\":\"minor\"}"
        }) {
            HttpResponse<String> r = sendJson("POST", "/api/v1/rules", ADMIN, bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
        }
        MqttClient device = connectedDevice(id, key);
        publish(device, id, "s1", "{\"level\":40}");
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                "{\"name\":\"" + newId("silence") + "\",\"devices\":{\"tag\":\"kind:" + kind
                        + "\"},\"noTelemetryFor\":\"PT6S\",\"severity\":\"warning\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"noTelemetryFor\":\"PT6S\""), created.body());
        long ruleId = number(created.body(), "id");
        try {
            String alerts = "/api/v1/alerts?deviceId=" + id;
            await(
                    "the silence is noticed",
                    Duration.ofSeconds(40),
                    () -> body(alerts).contains("\"state\":\"open\""));
            String list = body(alerts);
            assertEquals(1, occurrences(list, "\"id\":"), list);
            assertTrue(list.contains("silentForSeconds"), list);
            long alertId = number(list, "id");
            Thread.sleep(6_000); // still silent: the same alert, not another
            assertEquals(1, occurrences(body(alerts), "\"id\":"));

            publish(device, id, "s2", "{\"level\":41}");
            await(
                    "the next message clears it",
                    Duration.ofSeconds(30),
                    () -> body("/api/v1/alerts/" + alertId).contains("\"state\":\"cleared\""));
            assertTrue(body("/api/v1/alerts/" + alertId).contains("telemetry again"));
            device.disconnect();
            device.close();
        } finally {
            sendJson("DELETE", "/api/v1/rules/" + ruleId, ADMIN, "");
        }
    }

    @Test
    void aDeviceDisconnectedTooLongRaisesAnAlertThatReconnectingClears() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = newId("gone");
        String key = field(create(id, "{}").body(), "primaryKey");
        MqttClient device = connectedDevice(id, key);
        HttpResponse<String> created = sendJson(
                "POST",
                "/api/v1/rules",
                ADMIN,
                "{\"name\":\"" + newId("offline") + "\",\"devices\":{\"deviceId\":\"" + id
                        + "\"},\"disconnectedFor\":\"PT3S\",\"severity\":\"major\"}");
        assertEquals(201, created.statusCode(), created.body());
        long ruleId = number(created.body(), "id");
        try {
            String alerts = "/api/v1/alerts?deviceId=" + id;
            Thread.sleep(6_000);
            assertEquals("[]", body(alerts), "connected: no alert");
            device.disconnect();
            device.close();
            await(
                    "the long disconnection is noticed",
                    Duration.ofSeconds(40),
                    () -> body(alerts).contains("\"state\":\"open\""));
            long alertId = number(body(alerts), "id");
            assertTrue(body(alerts).contains("disconnectedForSeconds"));

            MqttClient again = connectedDevice(id, key);
            await(
                    "reconnecting clears it",
                    Duration.ofSeconds(30),
                    () -> body("/api/v1/alerts/" + alertId).contains("\"state\":\"cleared\""));
            assertEquals(1, occurrences(body(alerts), "\"id\":"), "raised once");
            again.disconnect();
            again.close();
        } finally {
            sendJson("DELETE", "/api/v1/rules/" + ruleId, ADMIN, "");
        }
    }

    private static void publish(MqttClient device, String id, String mid, String payload) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=" + mid, m);
    }
}
