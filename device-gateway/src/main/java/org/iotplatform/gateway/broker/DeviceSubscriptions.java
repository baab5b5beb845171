package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttMessageType;
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
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.iotplatform.protocol.DeviceTopics;

/**
 * Lets a device subscribe (and unsubscribe) only to the filters IoT Hub offers a device:
 * {@code devices/<its id>/messages/devicebound/#}, {@code $iothub/methods/POST/#},
 * {@code $iothub/twin/res/#} and {@code $iothub/twin/PATCH/properties/desired/#} (or narrower filters
 * under them). Every other filter is swapped for one the topic policy refuses before Artemis sees the
 * packet, so the device gets its failure code in SUBACK and the broker never acts on the filter.
 *
 * <p>Why before the broker and not in the security manager: Artemis resolves a subscription's queue
 * before it checks authorisation. A device that subscribed to the back end's shared filter
 * ({@code $share/iot-platform/devices/+/messages/events/#}) was refused the CONSUME, but Artemis had
 * already bound it to the back end's queue, and tearing that down removed the back end's
 * subscription: nothing was stored for any device until the gateway restarted.
 *
 * <p>A SUBSCRIBE or UNSUBSCRIBE that arrives before the connection's login is done (sent right behind
 * CONNECT, as MQTT allows) has every filter refused: the interceptor cannot tell yet whose it is, and
 * Artemis acts on it once the login is done or has failed. Acting on it after a failed login, Artemis
 * found the queue the filter names (the back end's ingress queue, or a device's own persistent
 * subscription), could not create a consumer without a session and deleted that queue: anyone reaching
 * the port, with no valid credentials, could stop telemetry storage. Devices subscribe after their
 * CONNACK (the IoT Hub SDKs do); so does the back end.
 *
 * <p>Never returns false: that would drop the connection.
 */
public final class DeviceSubscriptions implements MQTTInterceptor {

    /** Where refused filters go: outside every device's topics, so Artemis refuses it without creating anything. */
    static final String REFUSED = "$refused/";

    private static final Logger LOG = Logger.getLogger(DeviceSubscriptions.class.getName());

    /** Whether a device may subscribe to (or unsubscribe from) {@code filter}, written as IoT Hub's device topics are. */
    public static boolean permits(String deviceId, String filter) {
        if (filter == null || filter.isEmpty()) {
            return false;
        }
        if (under(filter, DeviceTopics.cloudToDeviceRoot(deviceId))) {
            return true;
        }
        return DeviceTopics.SUBSCRIBABLE_IOTHUB_ROOTS.stream().anyMatch(root -> under(filter, root));
    }

    /** The root itself (with or without the trailing {@code #}) or anything below it: wildcards there stay inside. */
    private static boolean under(String filter, String root) {
        return filter.startsWith(root) || filter.equals(root.substring(0, root.length() - 1));
    }

    @Override
    public boolean intercept(io.netty.handler.codec.mqtt.MqttMessage packet, RemotingConnection connection) {
        MqttMessageType type = packet.fixedHeader().messageType();
        if (type != MqttMessageType.SUBSCRIBE && type != MqttMessageType.UNSUBSCRIBE) {
            return true;
        }
        Subject subject = connection.getSubject();
        Optional<String> device = DeviceIdentity.of(subject).map(DeviceIdentity::deviceId);
        if (subject != null && device.isEmpty()) {
            return true; // the back end
        }
        // no subject: not logged in yet, nobody's filters (refused() says so)
        String deviceId = device.orElse(null);
        try {
            if (type == MqttMessageType.SUBSCRIBE) {
                subscribe((MqttSubscribeMessage) packet, deviceId, connection);
            } else {
                unsubscribe((MqttUnsubscribeMessage) packet, deviceId, connection);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            // A filter we could not swap must not reach the broker: drop the connection instead.
            LOG.log(Level.SEVERE, "cannot check the subscriptions of device " + deviceId + "; disconnecting it", e);
            return false;
        }
        return true;
    }

    private static boolean allowed(String deviceId, String filter) {
        return deviceId != null && permits(deviceId, filter);
    }

    private static void subscribe(MqttSubscribeMessage subscribe, String deviceId, RemotingConnection connection)
            throws IllegalAccessException {
        List<MqttTopicSubscription> requested = subscribe.payload().topicSubscriptions();
        if (requested.stream().allMatch(s -> allowed(deviceId, s.topicFilter()))) {
            return;
        }
        requirePacketRewrite();
        List<MqttTopicSubscription> checked = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            MqttTopicSubscription s = requested.get(i);
            checked.add(
                    allowed(deviceId, s.topicFilter())
                            ? s
                            : new MqttTopicSubscription(
                                    refused(deviceId, s.topicFilter(), i, "subscription", connection), s.option()));
        }
        PacketRewrite.payload(subscribe, new MqttSubscribePayload(checked));
    }

    private static void unsubscribe(MqttUnsubscribeMessage unsubscribe, String deviceId, RemotingConnection connection)
            throws IllegalAccessException {
        List<String> requested = unsubscribe.payload().topics();
        if (requested.stream().allMatch(t -> allowed(deviceId, t))) {
            return;
        }
        requirePacketRewrite();
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String t = requested.get(i);
            checked.add(allowed(deviceId, t) ? t : refused(deviceId, t, i, "unsubscription", connection));
        }
        PacketRewrite.payload(unsubscribe, new MqttUnsubscribePayload(checked));
    }

    private static String refused(
            String deviceId, String filter, int index, String what, RemotingConnection connection) {
        if (deviceId == null) {
            LOG.warning(() -> "refused " + what + " to '" + filter + "' from " + connection.getRemoteAddress()
                    + ": sent before the login was done (client id '" + connection.getClientID() + "')");
        } else {
            LOG.warning(() -> "refused device " + deviceId + " from " + connection.getRemoteAddress() + ": " + what
                    + " to '" + filter + "' is outside its topics");
        }
        return REFUSED + index;
    }

    private static void requirePacketRewrite() {
        if (!PacketRewrite.available()) {
            throw new IllegalStateException("Netty's MQTT packets cannot be rewritten");
        }
    }
}
