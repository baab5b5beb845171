package org.iotplatform.integration.egress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.apache.camel.Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.iotplatform.integration.GatewayEndpoint;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.integration.PlatformRoutes;

/**
 * {@value #EGRESS} publishes commands to the gateway as the back end (QoS 1); the topic and MQTT 5
 * properties come with each exchange ({@link MqttCommandChannel}). A failed publish goes back to the
 * caller, which records it with the command.
 */
@ApplicationScoped
public class CommandEgressRoute extends PlatformRoutes {

    public static final String EGRESS = "direct:device-commands";
    private static final Logger LOG = Logger.getLogger(CommandEgressRoute.class.getName());

    @Inject
    GatewayLink link;

    @Override
    protected void routes() {
        if (link.password().isEmpty()) {
            LOG.warning("iot.ingress.mqtt.password is not set: no commands to devices");
            fromServices(EGRESS)
                    .routeId("device-command-egress")
                    .throwException(new IllegalStateException(
                            "no connection to the gateway configured (iot.ingress.mqtt.password)"));
            return;
        }
        fromServices(EGRESS).routeId("device-command-egress").to(gateway());
    }

    /** The far end: the gateway's broker, one MQTT connection of this instance. */
    Endpoint gateway() {
        PahoMqtt5Component component = getContext().getComponent("paho-mqtt5", PahoMqtt5Component.class);
        return new GatewayEndpoint(
                "paho-mqtt5:device-commands",
                "$iothub/commands",
                component,
                link.mqttConnection(component, "-commands"));
    }
}
