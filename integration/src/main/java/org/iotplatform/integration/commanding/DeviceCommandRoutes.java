package org.iotplatform.integration.commanding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.integration.GatewayEndpoint;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.integration.GatewayPropertyBag;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.TopicQuery;
import org.iotplatform.twin.DeviceTwins;

/**
 * The command routes. {@value #EGRESS} publishes commands to the gateway as the back end (QoS 1; the
 * topic and MQTT 5 properties come with each exchange). {@code device-method-answers} reads every
 * device's direct-method answers ({@code $iothub/<id>/methods/res/<status>/}, request id in the
 * property bag the gateway moved it to) into {@link DirectMethods}; each platform instance reads all
 * answers (no shared subscription) and takes those it waits for. {@code device-twin-requests} and
 * {@code device-twin-reports} bring devices' twin reads and reported patches to {@link DeviceTwins},
 * shared among instances.
 */
@ApplicationScoped
public class DeviceCommandRoutes extends RouteBuilder {

    public static final String EGRESS = "direct:device-commands";
    private static final Logger LOG = Logger.getLogger(DeviceCommandRoutes.class.getName());

    @Inject
    GatewayLink link;

    @Inject
    DirectMethods methods;

    @Inject
    DeviceTwins twins;

    @Override
    public void configure() throws Exception {
        if (link.password().isEmpty()) {
            LOG.warning("iot.ingress.mqtt.password is not set: no commands to devices");
            from(EGRESS)
                    .routeId("device-command-egress")
                    .throwException(new IllegalStateException(
                            "no connection to the gateway configured (iot.ingress.mqtt.password)"));
            return;
        }
        PahoMqtt5Component component = getContext().getComponent("paho-mqtt5", PahoMqtt5Component.class);

        PahoMqtt5Configuration out = connection(component, "-commands");
        from(EGRESS)
                .routeId("device-command-egress")
                .to(new GatewayEndpoint("paho-mqtt5:device-commands", "$iothub/commands", component, out));

        PahoMqtt5Configuration in = connection(component, "-answers");
        from(new GatewayEndpoint("paho-mqtt5:device-method-answers", BackendTopics.METHOD_ANSWERS, component, in))
                .routeId("device-method-answers")
                .process(this::methodAnswer);

        // twin requests are shared among platform instances: any one of them answers
        from(new GatewayEndpoint(
                        "paho-mqtt5:device-twin-requests",
                        BackendTopics.TWIN_REQUESTS,
                        component,
                        durable(connection(component, "-twin-get"))))
                .routeId("device-twin-requests")
                .process(e -> twins.deviceRequestedTwin(twinDevice(e), requestId(e)));
        from(new GatewayEndpoint(
                        "paho-mqtt5:device-twin-reports",
                        BackendTopics.TWIN_REPORTS,
                        component,
                        durable(connection(component, "-twin-reported"))))
                .routeId("device-twin-reports")
                .process(e -> twins.deviceReported(
                        twinDevice(e), requestId(e), e.getMessage().getBody(byte[].class)));
    }

    /** A persistent session: what devices send while the platform is down waits in the broker. */
    private static PahoMqtt5Configuration durable(PahoMqtt5Configuration config) {
        config.setCleanStart(false);
        config.setSessionExpiryInterval(24 * 3600);
        return config;
    }

    /** {@code $iothub/<deviceId>/twin/...}: the device id. */
    private static String twinDevice(Exchange exchange) {
        return DeviceTopics.deviceIdOf(exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class))
                .orElse(null);
    }

    /** The {@code $rid} of a device's request, in the property bag the gateway moved the topic's query to. */
    private static String requestId(Exchange exchange) {
        return GatewayPropertyBag.of(exchange.getMessage()
                        .getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class))
                .get(TopicQuery.REQUEST_ID)
                .orElse(null);
    }

    /** One MQTT connection of this instance; built in code since '$', '+' and '#' do not survive an endpoint URI. */
    private PahoMqtt5Configuration connection(PahoMqtt5Component component, String suffix) {
        return link.mqttConnection(component, suffix);
    }

    /** {@code $iothub/<deviceId>/methods/res/<status>/} with {@code $rid=<request id>} in the property bag. */
    private void methodAnswer(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
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
}
