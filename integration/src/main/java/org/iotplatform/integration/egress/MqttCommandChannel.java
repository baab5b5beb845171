package org.iotplatform.integration.egress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.iotplatform.commanding.CommandChannel;
import org.iotplatform.integration.CamelRuntime;
import org.iotplatform.protocol.BackendTopics;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.PropertyBag;
import org.iotplatform.protocol.QueryAhead;
import org.iotplatform.protocol.TopicQuery;

/**
 * {@link CommandChannel} over the gateway's MQTT: each command is an exchange on the command egress
 * route, with IoT Hub's device topic for it in the back end's id-carrying form
 * ({@code $iothub/<id>/methods/POST/<method>/}, the {@code $rid=...} query ahead of the payload; the
 * gateway shows the device {@code $iothub/methods/POST/<method>/?$rid=...}). A plain CDI bean: a
 * publish takes part in no transaction, and it runs for every command (see {@link org.iotplatform.commanding.DirectMethods}).
 */
@ApplicationScoped
public class MqttCommandChannel implements CommandChannel {

    @Inject
    CamelRuntime camel;

    private volatile ProducerTemplate producer;

    @Override
    public void sendMethodRequest(String deviceId, String method, String requestId, byte[] payload, Duration expiry) {
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
        publish(
                BackendTopics.methodRequest(deviceId, method),
                QueryAhead.frame(TopicQuery.request(requestId), payload),
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
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put(PropertyBag.MESSAGE_ID, messageId);
        bag.put(PropertyBag.TO, DeviceTopics.cloudToDeviceTo(deviceId));
        bag.putAll(applicationProperties);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
        properties.setUserProperties(List.of(new UserProperty(BackendTopics.DELIVERY_MARK, messageId)));
        publish(DeviceTopics.cloudToDevice(deviceId, PropertyBag.of(bag)), payload, properties);
    }

    @Override
    public void sendDesired(String deviceId, long version, byte[] patch) {
        publish(
                BackendTopics.desired(deviceId),
                QueryAhead.frame(TopicQuery.version(version), patch),
                new MqttProperties());
    }

    @Override
    public void sendTwinResponse(String deviceId, String requestId, int status, Long version, byte[] body) {
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(60L); // devices give up on twin requests long before
        publish(
                BackendTopics.twinResponse(deviceId, status),
                QueryAhead.frame(new TopicQuery(requestId, version), body),
                properties);
    }

    private void publish(String topic, byte[] payload, MqttProperties properties) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, topic);
        headers.put(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, properties);
        producer().sendBodyAndHeaders(CommandEgressRoute.EGRESS, payload, headers);
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
