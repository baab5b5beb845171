package org.iotplatform.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real broker: a gateway consumer stopped while its client is reconnecting leaves no client
 * behind that comes back under the same id when the broker does.
 */
class GatewayEndpointTest {

    private static final String CLIENT_ID = "iot-platform-test-ingress";

    private final AtomicInteger received = new AtomicInteger();
    private int port;
    private EmbeddedActiveMQ broker;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        broker = startBroker();
        camel = new DefaultCamelContext();
        PahoMqtt5Component component = camel.getComponent("paho-mqtt5", PahoMqtt5Component.class);
        PahoMqtt5Configuration config = component.getConfiguration().copy();
        config.setBrokerUrl("tcp://127.0.0.1:" + port);
        config.setClientId(CLIENT_ID);
        config.setQos(1);
        config.setCleanStart(true);
        config.setAutomaticReconnect(true);
        config.setMaxReconnectDelay(300);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(new GatewayEndpoint("paho-mqtt5:telemetry", "telemetry/#", component, config))
                        .routeId("ingress")
                        .process(e -> received.incrementAndGet());
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aRouteStoppedWhileItsClientReconnectsLeavesNoClientThatReturns() throws Exception {
        await(() -> connections() == 1, "the ingress client connects");
        var client = ((PahoMqtt5Consumer) camel.getRoute("ingress").getConsumer()).getClient();

        broker.stop();
        await(() -> !client.isConnected(), "the client notices the broker is gone");
        camel.getRouteController().stopRoute("ingress");
        broker = startBroker();

        Thread.sleep(3_000); // Paho retries every second at first: three chances to come back
        assertEquals(0, connections(), "a stopped route's client reconnected by itself");

        camel.getRouteController().startRoute("ingress");
        await(() -> connections() == 1, "the restarted route connects");
        Thread.sleep(1_500);
        assertEquals(1, connections(), "exactly one client under the id, none taking its place");
        assertFalse(client.isConnected());
    }

    @Test
    void closingTheContextClosesAClientThatIsReconnecting() throws Exception {
        await(() -> connections() == 1, "the ingress client connects");
        broker.stop();
        camel.close();
        broker = startBroker();
        Thread.sleep(3_000);
        assertEquals(0, connections(), "a client of a closed context reconnected");
    }

    @Test
    void afterTheBrokerReturnsTheClientSubscribesAgainAndMessagesFlow() throws Exception {
        await(() -> connections() == 1, "the ingress client connects");
        publish("before");
        await(() -> received.get() == 1, "the first message arrives");

        broker.stop();
        broker = startBroker();
        await(() -> connections() == 1, "the ingress client reconnects");
        // the subscription is made again on another thread than Paho's callback thread: wait for it
        Instant end = Instant.now().plusSeconds(20);
        while (received.get() < 2 && Instant.now().isBefore(end)) {
            publish("after");
            Thread.sleep(200);
        }
        assertEquals(true, received.get() >= 2, "no message arrived after the broker came back");
    }

    private void publish(String text) throws Exception {
        MqttClient device = new MqttClient("tcp://127.0.0.1:" + port, "device-" + text, new MemoryPersistence());
        device.connect();
        device.publish("telemetry/d1", new MqttMessage(text.getBytes(StandardCharsets.UTF_8), 1, false, null));
        device.disconnect();
        device.close();
    }

    private EmbeddedActiveMQ startBroker() throws Exception {
        var config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + port + "?protocols=MQTT");
        EmbeddedActiveMQ started = new EmbeddedActiveMQ().setConfiguration(config);
        started.start();
        return started;
    }

    private long connections() {
        return broker.getActiveMQServer().getRemotingService().getConnections().stream()
                .filter(c -> CLIENT_ID.equals(c.getClientID()))
                .count();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
