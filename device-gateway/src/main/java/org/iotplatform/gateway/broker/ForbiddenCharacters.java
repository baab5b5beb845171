package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.List;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Closes the connection of a device whose publish (topic, MQTT 5 string properties) or will carries a
 * character MQTT forbids (U+0000) or tells receivers they may take for a malformed packet: the other
 * control characters (U+0001-U+001F, U+007F-U+009F), non-characters (U+FDD0-U+FDEF, U+xxFFFE/F) and
 * unpaired surrogates. The broker hands topics and properties on to the back end as they are, and the
 * back end's MQTT client (Paho, as the platform's ingress uses) does take such a packet for malformed:
 * its receiving thread died, the message stayed unacknowledged in the ingress queue and broke the
 * client again after every reconnect, so one device's publish stopped the platform's telemetry. MQTT
 * says to close the connection on U+0000; the gateway does so for all of them, before the broker
 * takes the publish (so it is not acknowledged: nothing was kept).
 */
public final class ForbiddenCharacters implements MQTTInterceptor {

    private static final Logger LOG = Logger.getLogger(ForbiddenCharacters.class.getName());

    private final String backendUser;

    public ForbiddenCharacters(String backendUser) {
        this.backendUser = backendUser;
    }

    @Override
    public boolean intercept(MqttMessage packet, RemotingConnection connection) {
        String problem;
        switch (packet.fixedHeader().messageType()) {
            case PUBLISH -> {
                Subject subject = connection.getSubject();
                if (subject != null && DeviceIdentity.of(subject).isEmpty()) {
                    return true; // the back end
                }
                MqttPublishMessage publish = (MqttPublishMessage) packet;
                problem = problem("topic", publish.variableHeader().topicName());
                if (problem == null) {
                    problem = problem(publish.variableHeader().properties());
                }
            }
            case CONNECT -> {
                MqttConnectMessage connect = (MqttConnectMessage) packet;
                if (!connect.variableHeader().isWillFlag()
                        || backendUser.equals(connect.payload().userName())) {
                    return true;
                }
                problem = problem("will topic", connect.payload().willTopic());
                if (problem == null) {
                    problem = problem(connect.payload().willProperties());
                }
            }
            default -> {
                return true;
            }
        }
        if (problem == null) {
            return true;
        }
        String why = problem;
        String who = DeviceIdentity.of(connection.getSubject())
                .map(d -> "device " + d.deviceId())
                .orElse("client '" + connection.getClientID() + "'");
        LOG.warning(() -> "closed the connection of " + who + " from " + connection.getRemoteAddress() + ": " + why);
        return false; // Artemis closes the connection
    }

    private static String problem(MqttProperties properties) {
        if (properties == null) {
            return null;
        }
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            Object value = property.value();
            if (value instanceof String text) {
                String problem = problem("property " + property.propertyId(), text);
                if (problem != null) {
                    return problem;
                }
            } else if (value instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    if (pair instanceof MqttProperties.StringPair user) {
                        String problem = problem("user property name", user.key);
                        if (problem == null) {
                            problem = problem("user property '" + user.key + "'", user.value);
                        }
                        if (problem != null) {
                            return problem;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Why {@code text} may not be handed on, or {@code null}. */
    static String problem(String what, String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                return what + " holds an unpaired surrogate";
            }
            if (Character.isISOControl(codePoint)
                    || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF)
                    || (codePoint & 0xFFFE) == 0xFFFE) {
                return what + " holds U+" + String.format("%04X", codePoint);
            }
        }
        return null;
    }
}
