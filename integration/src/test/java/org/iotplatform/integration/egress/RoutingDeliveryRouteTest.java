package org.iotplatform.integration.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.iotplatform.integration.GatewayLink;
import org.iotplatform.routing.EndpointType;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.routing.OutboundTargets;
import org.iotplatform.routing.OutboxEntry;
import org.iotplatform.routing.TelemetryRouting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing outbox delivered to a real webhook (a local HTTP server) and a real directory. */
class RoutingDeliveryRouteTest extends CamelTestSupport {

    record Received(String path, String body, String route, String device, String leakedEntry) {}

    @TempDir
    Path directory;

    private final Queue<OutboxEntry> outbox = new ArrayDeque<>();
    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    private final Map<Long, String> failed = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer webhook;

    @Override
    protected RoutesBuilder createRouteBuilder() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Iot-Route"),
                    exchange.getRequestHeaders().getFirst("X-Iot-Device"),
                    exchange.getRequestHeaders().getFirst(RoutingDeliveryRoute.ENTRY)));
            int status = exchange.getRequestURI().getPath().startsWith("/broken") ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();

        RoutingDeliveryRoute route = new RoutingDeliveryRoute();
        route.routing = new TelemetryRouting() {
            @Override
            public List<OutboxEntry> claimDue(int limit) {
                synchronized (outbox) {
                    List<OutboxEntry> due = List.copyOf(outbox);
                    outbox.clear();
                    return due;
                }
            }

            @Override
            public void delivered(OutboxEntry entry) {
                delivered.add(entry.id());
            }

            @Override
            public void failed(OutboxEntry entry, String error) {
                failed.put(entry.id(), error);
            }
        };
        route.targets = new OutboundTargets() {
            @Override
            public void checkDelivery(String url) {
                if (url.contains("forbidden")) {
                    throw new InvalidRuleException("host not allowed for routes");
                }
            }

            @Override
            public Path fileDirectory(String target) {
                return Path.of(target);
            }
        };
        route.link = new GatewayLink() {
            @Override
            public Optional<String> password() {
                return Optional.empty();
            }
        };
        route.pollMillis = 20;
        route.httpTimeoutMillis = 2000;
        route.startDelayMillis = 0;
        return route;
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + path;
    }

    private void due(long id, EndpointType type, String target) {
        synchronized (outbox) {
            outbox.add(new OutboxEntry(id, 1, "hot-pumps", type, target, "pump-7", "m-" + id, "{\"t\":" + id + "}", 0));
        }
    }

    private void awaitOutcomes(int n) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (delivered.size() + failed.size() < n && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(n, delivered.size() + failed.size(), "outcomes reported: " + delivered + " " + failed);
    }

    @Test
    void aWebhookGetsTheJsonAndTheRoutesHeadersOnly() throws Exception {
        due(1, EndpointType.HTTP, url("/hook"));
        awaitOutcomes(1);
        assertEquals(List.of(1L), delivered);
        assertEquals(List.of(new Received("/hook", "{\"t\":1}", "hot-pumps", "pump-7", null)), received);
    }

    @Test
    void aFailingWebhookIsRecordedOnTheEntryForTheOutboxToRetry() throws Exception {
        due(2, EndpointType.HTTP, url("/broken"));
        due(3, EndpointType.HTTP, url("/forbidden"));
        awaitOutcomes(2);
        assertTrue(delivered.isEmpty());
        assertTrue(failed.get(2L).contains("500"), failed.get(2L));
        assertEquals("InvalidRuleException: host not allowed for routes", failed.get(3L));
        assertEquals(1, received.size(), "the forbidden host was never called");
    }

    @Test
    void aDirectoryGetsOneFilePerMessage() throws Exception {
        due(4, EndpointType.FILE, directory.toString());
        awaitOutcomes(1);
        assertEquals(List.of(4L), delivered, () -> "failed: " + failed);
        Path file = directory.resolve("hot-pumps-pump-7-m-4.json");
        assertEquals("{\"t\":4}", Files.readString(file));
    }

    @Test
    void anAmqpTargetWithoutAConnectionFails() throws Exception {
        due(5, EndpointType.AMQP, "alerts");
        awaitOutcomes(1);
        assertFalse(failed.isEmpty());
        assertEquals("IllegalStateException: no AMQP connection: iot.ingress.mqtt.password is not set", failed.get(5L));
    }
}
