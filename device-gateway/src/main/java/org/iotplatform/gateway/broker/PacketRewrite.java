package org.iotplatform.gateway.broker;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.protocol.PropertyBag;
import org.iotplatform.protocol.QueryAhead;

/**
 * Changes MQTT packets in flight for the gateway's interceptors. Netty's MQTT messages are immutable,
 * so the variable header or payload is replaced by reflection (Netty is pinned by the build's
 * netty-bom; the gateway tests cover every use).
 */
final class PacketRewrite {

    private static final Logger LOG = Logger.getLogger(PacketRewrite.class.getName());
    private static final Field VARIABLE_HEADER = field("variableHeader");
    private static final Field PAYLOAD = field("payload");
    private static final Field FIXED_HEADER = field("mqttFixedHeader");

    private PacketRewrite() {}

    /** Whether this Netty version lets us rewrite at all; interceptors leave packets alone otherwise. */
    static boolean available() {
        return VARIABLE_HEADER != null && PAYLOAD != null && FIXED_HEADER != null;
    }

    /** Replaces a publish's topic; a non-null {@code bag} is added as the property-bag user property. */
    static void topic(MqttPublishMessage publish, String topic, String bag) throws IllegalAccessException {
        MqttPublishVariableHeader header = publish.variableHeader();
        MqttProperties properties = header.properties();
        if (bag != null) {
            properties = new MqttProperties();
            for (MqttProperties.MqttProperty<?> p : header.properties().listAll()) {
                properties.add(p);
            }
            properties.add(new MqttProperties.UserProperty(PropertyBag.USER_PROPERTY, bag));
        }
        VARIABLE_HEADER.set(publish, new MqttPublishVariableHeader(topic, header.packetId(), properties));
    }

    /**
     * A publish whose payload starts {@code NUL <query> LF}: returns the query and leaves the payload
     * after the LF; {@code null} (payload untouched) otherwise. The remaining payload is a slice of
     * the original buffer, so releasing it after the write releases the original.
     */
    static String takeQuery(MqttPublishMessage publish) throws IllegalAccessException {
        ByteBuf payload = publish.payload();
        int start = payload.readerIndex();
        if (payload.readableBytes() < 2 || payload.getByte(start) != QueryAhead.START) {
            return null;
        }
        int lf = payload.indexOf(start + 1, payload.writerIndex(), QueryAhead.END);
        if (lf < 0) {
            return null;
        }
        String query = payload.toString(start + 1, lf - start - 1, StandardCharsets.UTF_8);
        PAYLOAD.set(publish, payload.slice(lf + 1, payload.writerIndex() - lf - 1));
        return query;
    }

    static void fixedHeader(MqttMessage packet, io.netty.handler.codec.mqtt.MqttFixedHeader header)
            throws IllegalAccessException {
        FIXED_HEADER.set(packet, header);
    }

    static void variableHeader(MqttMessage packet, Object header) throws IllegalAccessException {
        VARIABLE_HEADER.set(packet, header);
    }

    static void payload(MqttMessage packet, Object payload) throws IllegalAccessException {
        PAYLOAD.set(packet, payload);
    }

    private static Field field(String name) {
        try {
            Field f = MqttMessage.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "Netty's MqttMessage has changed: property bags stay in topics and $iothub topics are not mapped",
                    e);
            return null;
        }
    }
}
