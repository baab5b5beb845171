package org.iotplatform.integration.commanding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.integration.GatewayEndpoint;
import org.iotplatform.integration.GatewayLink;
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
    static final String ANSWERS = "$iothub/+/methods/res/#";
    static final String TWIN_REQUESTS = "$share/iot-platform/$iothub/+/twin/GET/#";
    static final String TWIN_REPORTS = "$share/iot-platform/$iothub/+/twin/PATCH/properties/reported/#";
    private static final Logger LOG = Logger.getLogger(DeviceCommandRoutes.class.getName());
    private static final String PROPERTY_BAG = "iot-property-bag";

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
        from(new GatewayEndpoint("paho-mqtt5:device-method-answers", ANSWERS, component, in))
                .routeId("device-method-answers")
                .process(this::methodAnswer);

        // twin requests are shared among platform instances: any one of them answers
        from(new GatewayEndpoint(
                        "paho-mqtt5:device-twin-requests",
                        TWIN_REQUESTS,
                        component,
                        durable(connection(component, "-twin-get"))))
                .routeId("device-twin-requests")
                .process(e -> twins.deviceRequestedTwin(twinDevice(e), requestId(e)));
        from(new GatewayEndpoint(
                        "paho-mqtt5:device-twin-reports",
                        TWIN_REPORTS,
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
        return exchange.getMessage()
                .getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class)
                .split("/")[1];
    }

    private static String requestId(Exchange exchange) {
        return bagValue(
                exchange.getMessage().getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class),
                "$rid");
    }

    /** One MQTT connection of this instance; built in code since '$', '+' and '#' do not survive an endpoint URI. */
    private PahoMqtt5Configuration connection(PahoMqtt5Component component, String suffix) {
        return link.mqttConnection(component, suffix);
    }

    /** {@code $iothub/<deviceId>/methods/res/<status>/} with {@code $rid=<request id>} in the property bag. */
    private void methodAnswer(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        String[] parts = topic == null ? new String[0] : topic.split("/");
        if (parts.length < 5 || !"methods".equals(parts[2]) || !"res".equals(parts[3])) {
            LOG.warning(() -> "not a direct-method answer topic, ignored: " + topic);
            return;
        }
        int status;
        try {
            status = Integer.parseInt(parts[4]);
        } catch (NumberFormatException e) {
            LOG.warning(() -> "device " + parts[1] + " answered with a status that is not a number: " + topic);
            return;
        }
        methods.answered(
                parts[1], requestId(exchange), status, exchange.getMessage().getBody(byte[].class));
    }

    /** A value of the property bag ({@code name=value&...}, URL-encoded) the gateway put in a user property. */
    static String bagValue(MqttProperties properties, String name) {
        if (properties == null || properties.getUserProperties() == null) {
            return null;
        }
        for (UserProperty p : properties.getUserProperties()) {
            if (!PROPERTY_BAG.equals(p.getKey())) {
                continue;
            }
            for (String pair : p.getValue().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0
                        && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                                .equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
