package org.iotplatform.integration.egress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.iotplatform.integration.CamelRuntime;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.protocol.DeviceTopics;
import org.iotplatform.protocol.PropertyBag;
import org.iotplatform.protocol.QueryAhead;
import org.iotplatform.protocol.TelemetryTopic;
import org.iotplatform.protocol.TopicQuery;
import org.junit.jupiter.api.Test;

/** Commands through the command channel and the egress route to the gateway (replaced by a mock endpoint). */
class CommandEgressRouteTest extends CamelTestSupport {

    private final MqttCommandChannel channel = new MqttCommandChannel();
    private volatile boolean configured = true;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        CommandEgressRoute route = new CommandEgressRoute() {
            @Override
            Endpoint gateway() {
                return getContext().getEndpoint("mock:gateway");
            }
        };
        route.link = new GatewayLink() {
            @Override
            public Optional<String> password() {
                return configured ? Optional.of("backend-password") : Optional.empty();
            }
        };
        channel.camel = new CamelRuntime() {
            @Override
            public CamelContext context() {
                return CommandEgressRouteTest.this.context();
            }
        };
        return route;
    }

    private Exchange sentToGateway() {
        MockEndpoint gateway = getMockEndpoint("mock:gateway");
        assertEquals(1, gateway.getReceivedCounter());
        return gateway.getReceivedExchanges().get(0);
    }

    private static String topic(Exchange sent) {
        return sent.getMessage().getHeader(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, String.class);
    }

    private static MqttProperties properties(Exchange sent) {
        return sent.getMessage().getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class);
    }

    @Test
    void aMethodCallGoesToTheDevicesMethodTopicWithItsRequestIdAheadOfThePayload() {
        byte[] payload = "{\"speed\":2}".getBytes(StandardCharsets.UTF_8);
        channel.sendMethodRequest("pump.7", "set-speed", "r-42", payload, Duration.ofSeconds(30));

        Exchange sent = sentToGateway();
        assertEquals("$iothub/pump.7/methods/POST/set-speed/", topic(sent));
        QueryAhead.Framed framed =
                QueryAhead.unframe(sent.getMessage().getBody(byte[].class)).orElseThrow();
        assertEquals(TopicQuery.request("r-42"), TopicQuery.parse(framed.query()));
        assertArrayEquals(payload, framed.payload());
        assertEquals(30L, properties(sent).getMessageExpiryInterval());
    }

    @Test
    void aCloudToDeviceMessageCarriesItsPropertyBagAndDeliveryMark() {
        Map<String, String> app = new LinkedHashMap<>();
        app.put("kind", "compressor on");
        app.put("a&b", "c=d");
        channel.sendCloudToDevice("vm-3", "m-1", app, new byte[] {1, 2}, Duration.ofMinutes(5));

        Exchange sent = sentToGateway();
        String topic = topic(sent);
        assertTrue(topic.startsWith(DeviceTopics.cloudToDeviceRoot("vm-3")), topic);
        PropertyBag bag = PropertyBag.parse(
                topic.substring(DeviceTopics.cloudToDeviceRoot("vm-3").length()));
        assertEquals(Optional.of("m-1"), bag.messageId());
        assertEquals(Optional.of("/devices/vm-3/messages/deviceBound"), bag.get(PropertyBag.TO));
        assertEquals(Optional.of("compressor on"), bag.get("kind"));
        assertEquals(Optional.of("c=d"), bag.get("a&b"));
        assertEquals("m-1", properties(sent).getUserProperties().get(0).getValue());
        assertTrue(TelemetryTopic.parse(topic).isEmpty(), "not a telemetry topic");
    }

    @Test
    void desiredPropertiesAndTwinAnswersCarryTheirVersion() {
        channel.sendDesired("pump-1", 3, "{}".getBytes(StandardCharsets.UTF_8));
        channel.sendTwinResponse("pump-1", "9", 204, 4L, new byte[0]);
        MockEndpoint gateway = getMockEndpoint("mock:gateway");
        Exchange desired = gateway.getReceivedExchanges().get(0);
        Exchange answer = gateway.getReceivedExchanges().get(1);
        assertEquals("$iothub/pump-1/twin/PATCH/properties/desired/", topic(desired));
        assertEquals(TopicQuery.version(3), query(desired));
        assertEquals("$iothub/pump-1/twin/res/204/", topic(answer));
        assertEquals(new TopicQuery("9", 4L), query(answer));
    }

    private static TopicQuery query(Exchange sent) {
        return TopicQuery.parse(QueryAhead.unframe(sent.getMessage().getBody(byte[].class))
                .orElseThrow()
                .query());
    }

    @Test
    void aGatewayThatRefusesFailsTheCaller() {
        getMockEndpoint("mock:gateway").whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("not connected to the gateway");
        });
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class,
                () -> channel.sendMethodRequest("d", "m", "1", new byte[0], Duration.ofSeconds(5)));
        assertEquals("not connected to the gateway", e.getCause().getMessage());
    }
}
