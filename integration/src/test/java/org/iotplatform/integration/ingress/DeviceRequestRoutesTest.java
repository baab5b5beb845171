package org.iotplatform.integration.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Endpoint;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.integration.KeptMessages;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.protocol.PropertyBag;
import org.iotplatform.twin.DeviceTwins;
import org.junit.jupiter.api.Test;

/** Devices' method answers and twin requests, from the broker (replaced by direct endpoints) into the services. */
class DeviceRequestRoutesTest extends CamelTestSupport {

    record Call(String what, String deviceId, String requestId, int status, String payload) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> filters = new ConcurrentHashMap<>();
    private final KeptMessages store = new KeptMessages();
    private volatile boolean twinStoreDown;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        DeviceRequestRoutes routes = new DeviceRequestRoutes() {
            @Override
            Endpoint endpoint(String name, String filter, String clientSuffix, boolean persistent) {
                filters.put(name, filter);
                return getContext().getEndpoint("direct:" + name); // the far end: the gateway's broker
            }
        };
        routes.link = new GatewayLink() {
            @Override
            public Optional<String> password() {
                return Optional.of("backend-password");
            }
        };
        routes.methods = new DirectMethods() {
            @Override
            public void answered(String deviceId, String requestId, int status, byte[] payload) {
                calls.add(new Call("answer", deviceId, requestId, status, new String(payload, StandardCharsets.UTF_8)));
            }
        };
        routes.twins = new DeviceTwins() {
            @Override
            public void deviceRequestedTwin(String deviceId, String requestId) {
                calls.add(new Call("twin-get", deviceId, requestId, 0, ""));
            }

            @Override
            public void deviceReported(String deviceId, String requestId, byte[] patch) {
                if (twinStoreDown) {
                    throw new IllegalStateException("database down");
                }
                calls.add(new Call("reported", deviceId, requestId, 0, new String(patch, StandardCharsets.UTF_8)));
            }
        };
        return new RoutesBuilder[] {KeptMessages.quick(routes), KeptMessages.deadLetter(store)};
    }

    private void publish(String route, String topic, String bag, String payload) {
        MqttProperties properties = new MqttProperties();
        if (bag != null) {
            properties.setUserProperties(List.of(new UserProperty(PropertyBag.USER_PROPERTY, bag)));
        }
        template.send("direct:" + route, e -> {
            e.getMessage().setHeader(PahoMqtt5Constants.MQTT_TOPIC, topic);
            e.getMessage().setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, properties);
            e.getMessage().setBody(payload.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void subscribesToTheBackEndsFilters() {
        assertEquals(
                Map.of(
                        DeviceRequestRoutes.METHOD_ANSWERS, BackendTopics.METHOD_ANSWERS,
                        DeviceRequestRoutes.TWIN_REQUESTS, BackendTopics.TWIN_REQUESTS,
                        DeviceRequestRoutes.TWIN_REPORTS, BackendTopics.TWIN_REPORTS),
                filters);
    }

    @Test
    void methodAnswersReachTheWaitingCall() {
        publish(
                DeviceRequestRoutes.METHOD_ANSWERS,
                "$iothub/plant.a:pump-7/methods/res/504/",
                "$rid=r%201",
                "{\"ok\":false}");
        assertEquals(List.of(new Call("answer", "plant.a:pump-7", "r 1", 504, "{\"ok\":false}")), calls);
    }

    @Test
    void whatIsNotAnAnswerIsIgnored() {
        publish(DeviceRequestRoutes.METHOD_ANSWERS, "$iothub/pump-7/methods/res/soon/", "$rid=1", "{}");
        assertTrue(calls.isEmpty());
        assertTrue(store.kept.isEmpty());
    }

    @Test
    void twinRequestsAndReportsReachTheTwins() {
        publish(DeviceRequestRoutes.TWIN_REQUESTS, "$iothub/pump-7/twin/GET/", "$rid=7", "");
        publish(
                DeviceRequestRoutes.TWIN_REPORTS,
                "$iothub/pump-7/twin/PATCH/properties/reported/",
                "$rid=8",
                "{\"fw\":2}");
        assertEquals(
                List.of(
                        new Call("twin-get", "pump-7", "7", 0, ""),
                        new Call("reported", "pump-7", "8", 0, "{\"fw\":2}")),
                calls);
    }

    @Test
    void aReportThatCannotBeStoredIsKeptWithItsReason() {
        twinStoreDown = true;
        publish(
                DeviceRequestRoutes.TWIN_REPORTS,
                "$iothub/pump-7/twin/PATCH/properties/reported/",
                "$rid=9",
                "{\"fw\":3}");
        assertEquals(1, store.kept.size());
        assertEquals("pump-7", store.kept.get(0).message().deviceId().value());
        assertEquals(
                "route device-twin-reports failed: IllegalStateException: database down",
                store.kept.get(0).reason());
        assertEquals("{\"fw\":3}", new String(store.kept.get(0).message().payload(), StandardCharsets.UTF_8));
    }
}
