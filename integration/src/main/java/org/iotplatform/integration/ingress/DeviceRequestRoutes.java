package org.iotplatform.integration.ingress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.integration.GatewayEndpoint;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.integration.GatewayPropertyBag;
import org.iotplatform.integration.PlatformRoutes;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.TopicQuery;
import org.iotplatform.twin.DeviceTwins;

/**
 * What devices ask or answer besides telemetry. {@value #METHOD_ANSWERS} reads every device's
 * direct-method answers ({@code $iothub/<id>/methods/res/<status>/}, the request id in the property bag
 * the gateway moved it to) into {@link DirectMethods}; each platform instance reads all answers (no
 * shared subscription) and takes those it waits for. {@value #TWIN_REQUESTS} and {@value #TWIN_REPORTS}
 * bring devices' twin reads and reported patches to {@link DeviceTwins}, shared among instances, with
 * persistent sessions so they wait in the broker while the platform is down.
 */
@ApplicationScoped
public class DeviceRequestRoutes extends PlatformRoutes {

    public static final String METHOD_ANSWERS = "device-method-answers";
    public static final String TWIN_REQUESTS = "device-twin-requests";
    public static final String TWIN_REPORTS = "device-twin-reports";
    private static final Logger LOG = Logger.getLogger(DeviceRequestRoutes.class.getName());

    @Inject
    GatewayLink link;

    @Inject
    DirectMethods methods;

    @Inject
    DeviceTwins twins;

    @Override
    protected void routes() {
        if (link.password().isEmpty()) {
            return; // CommandEgressRoute says why
        }
        from(endpoint(METHOD_ANSWERS, BackendTopics.METHOD_ANSWERS, "-answers", false))
                .routeId(METHOD_ANSWERS)
                .process(this::methodAnswer);
        from(endpoint(TWIN_REQUESTS, BackendTopics.TWIN_REQUESTS, "-twin-get", true))
                .routeId(TWIN_REQUESTS)
                .process(e -> twins.deviceRequestedTwin(deviceOf(e), requestId(e)));
        from(endpoint(TWIN_REPORTS, BackendTopics.TWIN_REPORTS, "-twin-reported", true))
                .routeId(TWIN_REPORTS)
                .process(e -> twins.deviceReported(
                        deviceOf(e), requestId(e), e.getMessage().getBody(byte[].class)));
    }

    /** One MQTT connection of this instance; built in code since '$', '+' and '#' do not survive an endpoint URI. */
    Endpoint endpoint(String name, String filter, String clientSuffix, boolean persistent) {
        PahoMqtt5Component component = getContext().getComponent("paho-mqtt5", PahoMqtt5Component.class);
        PahoMqtt5Configuration config = link.mqttConnection(component, clientSuffix);
        if (persistent) {
            // what devices send while the platform is down waits in the broker
            config.setCleanStart(false);
            config.setSessionExpiryInterval(24 * 3600);
        }
        return new GatewayEndpoint("paho-mqtt5:" + name, filter, component, config);
    }

    /** {@code $iothub/<deviceId>/methods/res/<status>/} with {@code $rid=<request id>} in the property bag. */
    private void methodAnswer(Exchange exchange) {
        String topic = topic(exchange);
        Optional<BackendTopics.MethodAnswer> answer = BackendTopics.methodAnswer(topic);
        if (answer.isEmpty()) {
            LOG.warning(() -> "not a direct-method answer topic (or its status is not a number), ignored: " + topic);
            return;
        }
        methods.answered(
                answer.get().deviceId(),
                requestId(exchange),
                answer.get().status(),
                exchange.getMessage().getBody(byte[].class));
    }

    /** The device a {@code $iothub/<deviceId>/...} request came from. */
    private static String deviceOf(Exchange exchange) {
        String topic = topic(exchange);
        return DeviceTopics.deviceIdOf(topic)
                .orElseThrow(() -> new IllegalArgumentException("not a device's topic: " + topic));
    }

    /** The {@code $rid} of a device's request, in the property bag the gateway moved the topic's query to. */
    private static String requestId(Exchange exchange) {
        return GatewayPropertyBag.of(exchange.getMessage()
                        .getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class))
                .get(TopicQuery.REQUEST_ID)
                .orElse(null);
    }

    private static String topic(Exchange exchange) {
        return exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
    }
}
