package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One device cannot stop the fleet's storage, and a telemetry stream that stops reaching storage
 * is noticed (readiness), said (log) and repaired (subscribed again) by the platform itself.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryFlowIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final String SHARED = "$share/iot-platform/devices/+/messages/events/#";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void ingressConnected() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        await(
                "the telemetry flow is watched and flowing",
                Duration.ofSeconds(60),
                () -> flowState().equals("FLOWING"));
    }

    @Test
    void aDeviceSubscribingToTheBackEndsSharedSubscriptionCannotStopStorage() throws Exception {
        String attackerId = newId("attacker");
        MqttClient attacker =
                connectedDevice(attackerId, field(create(attackerId, "{}").body(), "primaryKey"));
        IMqttToken token = attacker.subscribe(
                new MqttSubscription[] {new MqttSubscription(SHARED, 1)}, new IMqttMessageListener[] {(t, m) -> {}});
        int code = token.getReasonCodes()[0];
        assertTrue(code >= 0x80, "a device's SUBACK for the back end's filter must be a failure, was " + code);
        attacker.disconnect();
        attacker.close();

        assertStoredAfter("a device subscribed to " + SHARED);
        assertTrue(flowState().equals("FLOWING"), readiness());
    }

    @Test
    void aTelemetrySubscriptionRemovedOnTheBrokerIsNoticedAndMadeAgain() throws Exception {
        // Fault injection: the broker loses the back end's subscription queue while the back end stays
        // connected (what a device's refused subscription did). Devices would keep getting PUBACKs.
        gateway.destroyQueue("iot-platform.devices.*.messages.events.#");
        await(
                "readiness reports the stalled telemetry flow",
                Duration.ofSeconds(30),
                () -> flowState().equals("STALLED"));
        assertTrue(get("/health/ready", null).statusCode() == 503, "not ready while stalled: " + readiness());
        await(
                "the platform subscribes again and the flow recovers",
                Duration.ofSeconds(30),
                () -> flowState().equals("FLOWING"));
        assertStoredAfter("the subscription was made again");
    }

    /** A fresh device's reading reaches storage. */
    private static void assertStoredAfter(String when) throws Exception {
        String id = newId("honest");
        MqttClient device = connectedDevice(id, field(create(id, "{}").body(), "primaryKey"));
        MqttMessage reading = new MqttMessage("{\"temperature\":21.5}".getBytes(StandardCharsets.UTF_8));
        reading.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=flow-1", reading);
        device.disconnect();
        device.close();
        String from = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        await(
                "a reading of another device is stored after " + when,
                Duration.ofSeconds(30),
                () -> body("/api/v1/devices/" + id + "/telemetry?from=" + from).contains("\"temperature\""));
    }

    private static String flowState() {
        String body = readiness();
        int at = body.indexOf("\"name\":\"telemetry-flow\"");
        if (at < 0) {
            return "absent";
        }
        String rest = body.substring(at);
        int state = rest.indexOf("\"state\":\"");
        return state < 0 ? "?" : rest.substring(state + 9, rest.indexOf('"', state + 9));
    }

    private static String readiness() {
        return body("/health/ready");
    }

    private static String body(String path) {
        try {
            return get(path, path.startsWith("/health") ? null : ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }
}
