package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Refuses MQTT 3.1 (protocol level 3) connections; IoT Hub speaks 3.1.1 and 5 only. An MQTT 3.1
 * server cannot refuse a publish, so Artemis acknowledges the ones the gateway refuses (another
 * device's topic, an oversized payload) and drops them: the device would think them delivered.
 */
public final class MqttVersionCheck implements MQTTInterceptor {

    private static final Logger LOG = Logger.getLogger(MqttVersionCheck.class.getName());

    @Override
    public boolean intercept(MqttMessage packet, RemotingConnection connection) {
        if (packet.fixedHeader().messageType() != MqttMessageType.CONNECT
                || ((MqttConnectMessage) packet).variableHeader().version() != MqttVersion.MQTT_3_1.protocolLevel()) {
            return true;
        }
        LOG.warning(() -> "refused an MQTT 3.1 connection from " + connection.getRemoteAddress() + " (client id '"
                + ((MqttConnectMessage) packet).payload().clientIdentifier() + "'): use MQTT 3.1.1 or 5");
        // Returning false makes Artemis drop the connection; say why first.
        if (connection.getTransportConnection() instanceof NettyConnection netty) {
            netty.getChannel()
                    .writeAndFlush(MqttMessageBuilders.connAck()
                            .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION)
                            .build());
        }
        return false;
    }
}
