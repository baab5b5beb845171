package org.iotplatform.integration.commanding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.iotplatform.commanding.CommandChannel;
import org.iotplatform.integration.CamelRuntime;

/**
 * {@link CommandChannel} over the gateway's MQTT: each command is an exchange on the command egress
 * route, with IoT Hub's device topic for it in the back end's id-carrying form
 * ({@code $iothub/<id>/methods/POST/<method>/}, the {@code $rid=...} query ahead of the payload; the
 * gateway shows the device {@code $iothub/methods/POST/<method>/?$rid=...}). A plain CDI bean: a
 * publish takes part in no transaction, and it runs for every command (see {@link org.iotplatform.commanding.DirectMethods}).
 */
@ApplicationScoped
public class MqttCommandChannel implements CommandChannel {

    /** The user property the gateway reports deliveries by (its DeviceboundSettlements). */
    static final String DELIVERY_MARK = "iot-message-id";

    @Inject
    CamelRuntime camel;

    private volatile ProducerTemplate producer;

    @Override
    public void sendMethodRequest(String deviceId, String method, String requestId, byte[] payload, Duration expiry) {
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
        publish(
                "$iothub/" + deviceId + "/methods/POST/" + method + "/",
                withQuery("$rid=" + requestId, payload),
                properties);
    }

    /**
     * IoT Hub's C2D topic with the property bag ({@code $.mid}, {@code $.to}, application properties),
     * and the message id again as a user property, by which the gateway reports delivery.
     */
    @Override
    public void sendCloudToDevice(
            String deviceId,
            String messageId,
            Map<String, String> applicationProperties,
            byte[] payload,
            Duration expiry) {
        StringBuilder bag = new StringBuilder("%24.mid=")
                .append(encode(messageId))
                .append("&%24.to=")
                .append(encode("/devices/" + deviceId + "/messages/deviceBound"));
        applicationProperties.forEach(
                (k, v) -> bag.append('&').append(encode(k)).append('=').append(encode(v)));
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
        properties.setUserProperties(List.of(new UserProperty(DELIVERY_MARK, messageId)));
        publish("devices/" + deviceId + "/messages/devicebound/" + bag, payload, properties);
    }

    @Override
    public void sendDesired(String deviceId, long version, byte[] patch) {
        publish(
                "$iothub/" + deviceId + "/twin/PATCH/properties/desired/",
                withQuery("$version=" + version, patch),
                new MqttProperties());
    }

    @Override
    public void sendTwinResponse(String deviceId, String requestId, int status, Long version, byte[] body) {
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(60L); // devices give up on twin requests long before
        publish(
                "$iothub/" + deviceId + "/twin/res/" + status + "/",
                withQuery("$rid=" + requestId + (version == null ? "" : "&$version=" + version), body),
                properties);
    }

    private void publish(String topic, byte[] payload, MqttProperties properties) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, topic);
        headers.put(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, properties);
        producer().sendBodyAndHeaders(DeviceCommandRoutes.EGRESS, payload, headers);
    }

    /**
     * {@code NUL <query> LF <payload>}: the gateway moves the query into the topic the device sees
     * ({@code ...?$rid=7}); a request id in the topic itself would make a broker address per request.
     */
    static byte[] withQuery(String query, byte[] payload) {
        byte[] head = query.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 2 + payload.length];
        System.arraycopy(head, 0, out, 1, head.length);
        out[head.length + 1] = '\n';
        System.arraycopy(payload, 0, out, head.length + 2, payload.length);
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private ProducerTemplate producer() {
        ProducerTemplate p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.context().createProducerTemplate();
                }
                p = producer;
            }
        }
        return p;
    }
}
