package org.iotplatform.gateway.broker;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Refuses an MQTT CONNECT whose client id is not the device named by the user name. The security
 * manager checks this too, but Artemis caches successful logins by user name and password only, so
 * without this check a device could reuse its cached login under another client id (and steal that
 * client's session).
 */
public class ClientIdCheck implements MQTTInterceptor {

    private static final Logger LOG = Logger.getLogger(ClientIdCheck.class.getName());
    private static final int MQTT_5 = 5;

    private final DeviceUsername usernames;
    private final String backendUser;

    public ClientIdCheck(DeviceUsername usernames, String backendUser) {
        this.usernames = usernames;
        this.backendUser = backendUser;
    }

    @Override
    public boolean intercept(MqttMessage packet, RemotingConnection connection) {
        if (packet.fixedHeader().messageType() != MqttMessageType.CONNECT) {
            return true;
        }
        MqttConnectMessage connect = (MqttConnectMessage) packet;
        String user = connect.payload().userName();
        if (user == null || user.equals(backendUser)) {
            return true; // no user name: authentication refuses it
        }
        Optional<String> deviceId = usernames.deviceIdForMqtt(user);
        String clientId = connect.payload().clientIdentifier();
        if (deviceId.isEmpty() || deviceId.get().equals(clientId)) {
            return true; // malformed user names are refused by authentication, with a proper CONNACK
        }
        LOG.warning(() -> "refused device " + deviceId.get() + " from " + connection.getRemoteAddress()
                + ": MQTT client id '" + clientId + "' is not the device id");
        // Returning false makes Artemis drop the connection; say why first.
        if (connection.getTransportConnection() instanceof NettyConnection netty) {
            MqttConnectReturnCode code = connect.variableHeader().version() == MQTT_5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            netty.getChannel()
                    .writeAndFlush(
                            MqttMessageBuilders.connAck().returnCode(code).build());
        }
        return false;
    }
}
