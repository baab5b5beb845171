package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.iotplatform.gateway.testing.RunningGateway;
import org.iotplatform.gateway.testing.SasTokens;
import org.junit.jupiter.api.Test;

/** AMQP 1.0 devices: SASL PLAIN with a SAS token, telemetry to /devices/<id>/messages/events. */
class AmqpDeviceTest extends OneGatewayPerClass {

    @Test
    void amqpDeviceSendsTelemetryThatTheBackendReceivesWithMqttTelemetry() throws Exception {
        gw.platform.register("amqp-001");
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            Connection connection = connect("amqp-001@sas.iothub", gw.platform.token("amqp-001", inOneHour()));
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // A topic (multicast), like Azure's AMQP SDKs which attach without capabilities: no queue is created.
            MessageProducer producer = session.createProducer(session.createTopic("/devices/amqp-001/messages/events"));
            jakarta.jms.TextMessage message = session.createTextMessage("{\"temperature\":20.5}");
            message.setStringProperty("station", "north 1");
            producer.send(message);
            Received received = backend.next(Duration.ofSeconds(5));
            assertNotNull(received, "the back end got nothing");
            // the message id and application properties arrive as the property bag MQTT devices send
            assertTrue(
                    received.topic().matches("devices/amqp-001/messages/events/%24\\.mid=[^&]+&station=north\\+1"),
                    received.topic());
            assertTrue(received.payload().contains("{\"temperature\":20.5}"), received.payload());
            connection.close();
        }
    }

    @Test
    void amqpDeviceCannotSendToAnotherDevicesTelemetry() throws Exception {
        gw.platform.register("amqp-002");
        gw.platform.register("amqp-003");
        try (Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            Connection connection = connect("amqp-002", gw.platform.token("amqp-002", inOneHour()));
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(JMSException.class, () -> {
                MessageProducer producer =
                        session.createProducer(session.createTopic("/devices/amqp-003/messages/events"));
                producer.send(session.createTextMessage("{\"forged\":true}"));
            });
            assertTrue(backend.drain(Duration.ofSeconds(1)).isEmpty(), "nothing may be delivered");
            connection.close();
        }
    }

    @Test
    void amqpDeviceWithBadTokenIsRefused() {
        gw.platform.register("amqp-004");
        String forged = SasTokens.sign(RunningGateway.HUB, "amqp-004", SasTokens.newKey(), inOneHour());
        assertThrows(
                JMSSecurityException.class, () -> connect("amqp-004", forged).close());
    }

    static Connection connect(String username, String token) throws JMSException {
        Connection connection = Clients.amqpFactory(gw, "PLAIN").createConnection(username, token);
        connection.start();
        return connection;
    }
}
