package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribePayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.protocol.PropertyBag;

/**
 * Gives every device its own {@code $iothub} topics. Azure IoT Hub's device topics for direct methods
 * and the twin carry no device id ({@code $iothub/methods/POST/#}, {@code $iothub/twin/GET/?$rid=1});
 * on a shared broker every device would meet every other there. For a device connection this
 * interceptor inserts the device id after {@code $iothub/} in what the device publishes and subscribes
 * to ({@code $iothub/<id>/methods/POST/#}), and takes it out again of what is delivered to the device,
 * so devices see IoT Hub's topics while the back end addresses one device, and the topic policy keeps
 * each device under its own id.
 *
 * <p>Query parts ({@code ?$rid=1}, {@code ?$version=3}) stay out of topics inside the broker: each
 * request id in a topic would make (and persist, and delete) a broker address, which held direct
 * methods to about 55 a second. What a device publishes loses its query into the
 * {@value PropertyBag#USER_PROPERTY} user property (like telemetry's property bag). What the
 * back end sends carries it ahead of the payload, {@code NUL <query> LF <payload>} (a NUL cannot start
 * JSON): MQTT 3.1.1 deliveries carry no user properties, so the payload is the only place the
 * gateway can read it back from; it goes back into the topic the device sees, and the payload is
 * delivered without it.
 *
 * <p>Never returns false: that would drop the connection.
 */
public final class IotHubTopics {

    private static final Logger LOG = Logger.getLogger(IotHubTopics.class.getName());

    private IotHubTopics() {}

    /** For what devices send: publishes, subscriptions, unsubscriptions. */
    public static MQTTInterceptor incoming() {
        return (packet, connection) -> {
            Optional<String> device = deviceOf(connection);
            if (device.isEmpty() || !PacketRewrite.available()) {
                return true;
            }
            try {
                switch (packet.fixedHeader().messageType()) {
                    case PUBLISH -> devicePublish((MqttPublishMessage) packet, device.get());
                    case SUBSCRIBE -> deviceSubscribe((MqttSubscribeMessage) packet, device.get());
                    case UNSUBSCRIBE -> deviceUnsubscribe((MqttUnsubscribeMessage) packet, device.get());
                    default -> {}
                }
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot map $iothub topics of device " + device.get(), e);
            }
            return true;
        };
    }

    /** For what is delivered to devices. */
    public static MQTTInterceptor outgoing() {
        return (packet, connection) -> {
            if (packet.fixedHeader().messageType() != MqttMessageType.PUBLISH || !PacketRewrite.available()) {
                return true;
            }
            Optional<String> device = deviceOf(connection);
            if (device.isEmpty()) {
                return true;
            }
            MqttPublishMessage publish = (MqttPublishMessage) packet;
            String topic = publish.variableHeader().topicName();
            Optional<String> own = BackendTopics.withoutDevice(topic, device.get());
            if (own.isPresent()) {
                try {
                    // the back end sends the query part ($rid, $version) ahead of the payload: back into the topic
                    String query = PacketRewrite.takeQuery(publish);
                    PacketRewrite.topic(publish, own.get() + (query == null ? "" : "?" + query), null);
                } catch (IllegalAccessException | RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot map $iothub topic " + topic + " for device " + device.get(), e);
                }
            }
            return true;
        };
    }

    private static void devicePublish(MqttPublishMessage publish, String deviceId) throws IllegalAccessException {
        String topic = publish.variableHeader().topicName();
        if (!BackendTopics.isDeviceForm(topic)) {
            return;
        }
        int query = topic.indexOf('?');
        String path = query < 0 ? topic : topic.substring(0, query);
        PacketRewrite.topic(
                publish, BackendTopics.withDevice(path, deviceId), query < 0 ? null : topic.substring(query + 1));
    }

    private static void deviceSubscribe(MqttSubscribeMessage subscribe, String deviceId) throws IllegalAccessException {
        List<MqttTopicSubscription> subscriptions = subscribe.payload().topicSubscriptions();
        if (subscriptions.stream().noneMatch(s -> BackendTopics.isDeviceForm(s.topicFilter()))) {
            return;
        }
        List<MqttTopicSubscription> mapped = new ArrayList<>();
        for (MqttTopicSubscription s : subscriptions) {
            mapped.add(
                    BackendTopics.isDeviceForm(s.topicFilter())
                            ? new MqttTopicSubscription(BackendTopics.withDevice(s.topicFilter(), deviceId), s.option())
                            : s);
        }
        PacketRewrite.payload(subscribe, new MqttSubscribePayload(mapped));
    }

    private static void deviceUnsubscribe(MqttUnsubscribeMessage unsubscribe, String deviceId)
            throws IllegalAccessException {
        List<String> topics = unsubscribe.payload().topics();
        if (topics.stream().noneMatch(BackendTopics::isDeviceForm)) {
            return;
        }
        PacketRewrite.payload(
                unsubscribe,
                new MqttUnsubscribePayload(topics.stream()
                        .map(t -> BackendTopics.isDeviceForm(t) ? BackendTopics.withDevice(t, deviceId) : t)
                        .toList()));
    }

    private static Optional<String> deviceOf(RemotingConnection connection) {
        return DeviceIdentity.of(connection.getSubject()).map(DeviceIdentity::deviceId);
    }
}
