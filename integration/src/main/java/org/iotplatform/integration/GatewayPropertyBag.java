package org.iotplatform.integration;

import java.util.Map;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.iotplatform.protocol.PropertyBag;

/**
 * Where the back end finds the property bag the gateway moved out of a device's topic: the MQTT 5
 * user property {@value PropertyBag#USER_PROPERTY}, which AMQP consumers see as an application property
 * named {@code mqtt.ordered.user.property.<n>.<name>}.
 */
public final class GatewayPropertyBag {

    private GatewayPropertyBag() {}

    /** The encoded bag among MQTT 5 user properties; empty when there is none. */
    public static String encoded(MqttProperties properties) {
        if (properties == null || properties.getUserProperties() == null) {
            return "";
        }
        for (UserProperty p : properties.getUserProperties()) {
            if (PropertyBag.USER_PROPERTY.equals(p.getKey())) {
                return p.getValue();
            }
        }
        return "";
    }

    /** The encoded bag among an AMQP message's application properties; empty when there is none. */
    public static String encoded(Map<String, Object> applicationProperties) {
        for (Map.Entry<String, Object> h : applicationProperties.entrySet()) {
            if (h.getKey().endsWith("." + PropertyBag.USER_PROPERTY) && h.getValue() != null) {
                return h.getValue().toString();
            }
        }
        return "";
    }

    public static PropertyBag of(MqttProperties properties) {
        return PropertyBag.parse(encoded(properties));
    }
}
