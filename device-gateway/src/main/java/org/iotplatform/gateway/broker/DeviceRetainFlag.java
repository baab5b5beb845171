package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.iotplatform.protocol.TelemetryTopic;

/**
 * Devices' publishes are never retained, as on IoT Hub: a retained telemetry message would sit in
 * the broker and be handed to every later subscriber as if new. The flag is cleared; on a telemetry
 * topic it becomes the application property {@code mqtt-retain=true} (IoT Hub's name), so the
 * platform still sees that the device asked. Runs before {@link TelemetryPropertyBag}.
 *
 * <p>The same goes for a device's will (the broker publishes it for the device when its connection
 * drops, past every other interceptor) and for publishes sent before the device's login was done
 * (right behind CONNECT): nobody is known to be the back end then.
 */
public final class DeviceRetainFlag implements MQTTInterceptor {

    static final String PROPERTY = "mqtt-retain=true";
    private static final Logger LOG = Logger.getLogger(DeviceRetainFlag.class.getName());

    private final String backendUser;

    public DeviceRetainFlag(String backendUser) {
        this.backendUser = backendUser;
    }

    @Override
    public boolean intercept(MqttMessage packet, RemotingConnection connection) {
        if (!PacketRewrite.available()) {
            return true;
        }
        try {
            switch (packet.fixedHeader().messageType()) {
                case PUBLISH -> {
                    Subject subject = connection.getSubject();
                    boolean backend =
                            subject != null && DeviceIdentity.of(subject).isEmpty();
                    if (packet.fixedHeader().isRetain() && !backend) {
                        clear((MqttPublishMessage) packet);
                    }
                }
                case CONNECT -> {
                    MqttConnectMessage connect = (MqttConnectMessage) packet;
                    if (connect.variableHeader().isWillFlag()
                            && connect.variableHeader().isWillRetain()
                            && !backendUser.equals(connect.payload().userName())) {
                        clearWill(connect);
                    }
                }
                default -> {}
            }
        } catch (IllegalAccessException | RuntimeException e) {
            // a retained copy must not be kept: refuse the publish rather than let it through retained
            LOG.log(Level.SEVERE, "cannot clear the retain flag of a publish or will; dropping the connection", e);
            return false;
        }
        return true;
    }

    private static void clear(MqttPublishMessage publish) throws IllegalAccessException {
        MqttFixedHeader h = publish.fixedHeader();
        PacketRewrite.fixedHeader(
                publish, new MqttFixedHeader(h.messageType(), h.isDup(), h.qosLevel(), false, h.remainingLength()));
        String topic = publish.variableHeader().topicName();
        if (isTelemetry(topic)) {
            PacketRewrite.topic(publish, withProperty(topic), null);
        }
    }

    private static void clearWill(MqttConnectMessage connect) throws IllegalAccessException {
        MqttConnectVariableHeader h = connect.variableHeader();
        PacketRewrite.variableHeader(
                connect,
                new MqttConnectVariableHeader(
                        h.name(),
                        h.version(),
                        h.hasUserName(),
                        h.hasPassword(),
                        false,
                        h.willQos(),
                        h.isWillFlag(),
                        h.isCleanSession(),
                        h.keepAliveTimeSeconds(),
                        h.properties()));
        MqttConnectPayload p = connect.payload();
        if (isTelemetry(p.willTopic())) {
            PacketRewrite.payload(
                    connect,
                    new MqttConnectPayload(
                            p.clientIdentifier(),
                            p.willProperties(),
                            withProperty(p.willTopic()),
                            p.willMessageInBytes(),
                            p.userName(),
                            p.passwordInBytes()));
        }
    }

    private static boolean isTelemetry(String topic) {
        int bag = TelemetryTopic.bagOffset(topic);
        return bag > 0 && topic.charAt(bag - 1) == '/'; // a bag is appended after the slash
    }

    private static String withProperty(String topic) {
        return topic.endsWith("/") ? topic + PROPERTY : topic + "&" + PROPERTY;
    }
}
