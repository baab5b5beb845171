package org.iotplatform.gateway.testing;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;

/**
 * Everyone a hostile device must not harm, watched around each hostile case: the back end's telemetry
 * subscription (shared, persistent, as the platform's ingress makes it) and its command connection
 * (cloud-to-device messages, method calls), an honest device sending
 * telemetry, a victim device taking cloud-to-device messages and method calls, and a spy (the back end
 * subscribed to everything) that sees where anything went.
 */
public final class Bystanders implements AutoCloseable {

    public static final String VICTIM = "victim";
    public static final String HONEST = "honest";
    /** The platform's ingress subscription (keep in step with the platform's MqttTelemetryRoute). */
    public static final String INGRESS = "$share/iot-platform/devices/+/messages/events/#";

    private final RunningGateway gw;
    private final BlockingQueue<Received> victimGot = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();
    private Backend ingress;
    private Backend spy;
    private Backend commands;
    private Clients.V5Client honest;
    private Clients.V5Client victim;
    private int bait;

    public Bystanders(RunningGateway gw) throws Exception {
        this.gw = gw;
        gw.platform.register(VICTIM);
        gw.platform.register(HONEST);
        connect();
        assertUnharmed("before the first case", r -> false);
    }

    private void connect() throws Exception {
        ingress = new Backend(gw, "iot-platform-ingress", false, INGRESS);
        spy = new Backend(gw, "spy-" + System.nanoTime(), true, "#", "$iothub/#");
        commands = new Backend(gw, "iot-platform-commands-" + System.nanoTime(), true);
        honest = Clients.v5Device(gw, HONEST, gw.platform.token(HONEST, inOneHour()));
        honest.setTimeToWait(10_000);
        victim = Clients.v5Device(gw, VICTIM, gw.platform.token(VICTIM, inOneHour()));
        victim.setTimeToWait(10_000);
        victim.subscribe(
                new MqttSubscription[] {
                    new MqttSubscription("devices/" + VICTIM + "/messages/devicebound/#", 1),
                    new MqttSubscription("$iothub/methods/POST/#", 1)
                },
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (t, m) -> victimGot.add(received(t, m)), (t, m) -> victimGot.add(received(t, m))
                });
    }

    /**
     * Puts everyone back after a case that harmed them, so the next case starts from a working
     * gateway: new connections, and the ingress queue made anew (a message that broke the back end's
     * client would otherwise be delivered to it again).
     */
    private void restore() throws Exception {
        closeQuietly();
        org.apache.activemq.artemis.core.server.ActiveMQServer server =
                gw.gateway.broker().server();
        org.apache.activemq.artemis.api.core.SimpleString queue =
                org.apache.activemq.artemis.api.core.SimpleString.of("iot-platform.devices.*.messages.events.#");
        if (server.locateQueue(queue) != null) {
            server.destroyQueue(queue, null, false, true);
        }
        for (org.apache.activemq.artemis.core.server.Queue retained : retainedQueues()) {
            retained.deleteAllReferences();
        }
        victimGot.clear();
        synchronized (seen) {
            seen.clear();
        }
        connect();
    }

    /**
     * After a hostile case: the honest device's telemetry still reaches the ingress subscription, a
     * cloud-to-device message and a method call still reach the victim (its subscriptions and its
     * connection are intact), the victim got nothing else, and the spy saw nothing {@code foreign}:
     * what the attacker must not have got delivered. Returns what the spy saw since the last call
     * (besides the bait), for the case's own checks.
     */
    public List<Received> assertUnharmed(String after, Predicate<Received> foreign) throws Exception {
        try {
            return check(after, foreign);
        } catch (AssertionError | Exception e) {
            restore();
            throw e;
        }
    }

    private List<Received> check(String after, Predicate<Received> foreign) throws Exception {
        String n = "bait-" + ++bait + "-" + System.nanoTime();
        String telemetry = "{\"bait\":\"" + n + "\"}";
        assertTrue(honest.isConnected(), "the honest device was disconnected " + after);
        honest.publish(
                "devices/" + HONEST + "/messages/events/",
                new MqttMessage(telemetry.getBytes(StandardCharsets.UTF_8), 1, false, null));
        MqttMessage c2d = new MqttMessage(("c2d " + n).getBytes(StandardCharsets.UTF_8), 1, false, null);
        commands.client().publish("devices/" + VICTIM + "/messages/devicebound/", c2d);
        MqttMessage call =
                new MqttMessage(("{\"call\":\"" + n + "\"}").getBytes(StandardCharsets.UTF_8), 1, false, null);
        commands.client().publish("$iothub/" + VICTIM + "/methods/POST/bait/", call);

        assertNotNull(
                awaitPayload(ingress.received, telemetry, Duration.ofSeconds(10)),
                "the honest device's telemetry did not reach the back end's ingress subscription " + after);
        List<Received> victimSaw = new ArrayList<>();
        Instant end = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)
                && victimSaw.stream().filter(r -> r.payload().contains(n)).count() < 2) {
            Received r = victimGot.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                victimSaw.add(r);
            }
        }
        assertEquals(
                2,
                victimSaw.stream().filter(r -> r.payload().contains(n)).count(),
                "the victim did not get its cloud-to-device message and method call " + after + ": " + victimSaw);
        assertTrue(victim.isConnected(), "the victim was disconnected " + after);
        // the spy has seen the bait by now; a little longer for anything still under way
        assertNotNull(
                awaitPayload(spy.received, telemetry, Duration.ofSeconds(5)),
                "the spy (the back end on '#') saw nothing " + after);
        List<Received> spied = new ArrayList<>(spy.drain(Duration.ofMillis(300)));
        synchronized (seen) {
            spied.addAll(0, seen);
            seen.clear();
        }
        victimSaw.addAll(victimGot.stream().toList());
        victimGot.clear();
        List<Received> strange =
                victimSaw.stream().filter(r -> !r.payload().contains(n)).toList();
        assertTrue(strange.isEmpty(), "the victim got messages that are not its own " + after + ": " + strange);
        List<String> retained = retainedCopies();
        assertTrue(
                retained.isEmpty(),
                "retained copies kept " + after + " (a later subscriber gets them as new): " + retained);
        List<Received> leaked = spied.stream().filter(foreign).toList();
        if (!leaked.isEmpty()) {
            fail("delivered " + after + ": " + abbreviated(leaked));
        }
        return spied.stream().filter(r -> !r.payload().contains("bait-")).toList();
    }

    /** Waits for a message with that payload; others that arrive meanwhile are kept for the next {@link #assertUnharmed}. */
    private Received awaitPayload(BlockingQueue<Received> queue, String payload, Duration within)
            throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (Instant.now().isBefore(end)) {
            Received r = queue.poll(50, TimeUnit.MILLISECONDS);
            if (r == null) {
                continue;
            }
            if (r.payload().equals(payload)) {
                return r;
            }
            if (queue == spy.received) {
                synchronized (seen) {
                    seen.add(r);
                }
            }
        }
        return null;
    }

    /**
     * The corpus placeholders naming people and their credentials: {@code ${self}} (the attacker),
     * {@code ${other}} (the victim), {@code ${hub}}, {@code ${backend}}, {@code ${tag}}, and for
     * {@code <who>} = {@code self}, {@code other} or {@code ghost} (never registered): {@code ${user:<who>}} (IoT Hub MQTT user name),
     * {@code ${token:<who>}} (valid for an hour), {@code ${expired:<who>}}, {@code ${forged:<who>}}
     * (signed with a wrong key), {@code ${until2100:<who>}}.
     */
    public Map<String, Function<String, String>> vocabulary(String self, String tag) {
        Function<String, String> who = w -> switch (w) {
            case "self" -> self;
            case "other" -> VICTIM;
            case "ghost" -> "ghost";
            default -> throw new IllegalArgumentException("who is '" + w + "'? self, other or ghost");
        };
        return Map.of(
                "self", x -> self,
                "other", x -> VICTIM,
                "hub", x -> RunningGateway.HUB,
                "backend", x -> RunningGateway.BACKEND_USER,
                "tag", x -> tag,
                "user", w -> Clients.mqttUsername(who.apply(w)),
                "token", w -> gw.platform.token(who.apply(w), inOneHour()),
                "expired", w -> gw.platform.token(who.apply(w), Instant.now().minusSeconds(60)),
                "forged", w -> SasTokens.sign(RunningGateway.HUB, who.apply(w), SasTokens.newKey(), inOneHour()),
                "until2100", w -> gw.platform.token(who.apply(w), Instant.parse("2100-01-01T00:00:00Z")));
    }

    /** Whether a message went to the attacker's own telemetry or {@code $iothub} topics. */
    public static boolean ownTopic(Received r, String self) {
        return r.topic().startsWith("devices/" + self + "/messages/events/")
                || r.topic().startsWith("$iothub/" + self + "/");
    }

    /** The broker's retained-message queues that hold a message: none may, devices' publishes are never retained. */
    private List<String> retainedCopies() {
        return retainedQueues().stream()
                .filter(q -> q.getMessageCount() > 0)
                .map(q -> q.getName().toString())
                .toList();
    }

    private List<org.apache.activemq.artemis.core.server.Queue> retainedQueues() {
        return gw.gateway
                .broker()
                .server()
                .getPostOffice()
                .getAllBindings()
                .filter(b -> b instanceof org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding)
                .map(b -> ((org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding) b).getQueue())
                .filter(q -> q.getName()
                        .toString()
                        .startsWith(org.apache.activemq.artemis.core.protocol.mqtt.MQTTUtil.MQTT_RETAIN_ADDRESS_PREFIX))
                .toList();
    }

    private static Received received(String topic, MqttMessage message) {
        return new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    private static String abbreviated(List<Received> messages) {
        return messages.stream()
                .map(r -> {
                    String t = r.topic().length() > 200 ? r.topic().substring(0, 200) + "..." : r.topic();
                    String p = r.payload().length() > 200 ? r.payload().substring(0, 200) + "..." : r.payload();
                    return t + " <- " + p;
                })
                .toList()
                .toString();
    }

    @Override
    public void close() throws Exception {
        closeQuietly();
    }

    private void closeQuietly() {
        for (org.eclipse.paho.mqttv5.client.MqttClient client :
                List.of(honest, victim, ingress.client(), spy.client(), commands.client())) {
            try {
                // forcibly: a client whose receiving thread a hostile message killed still thinks it is connected
                if (client.isConnected()) {
                    client.disconnectForcibly(100, 100);
                }
                client.close();
            } catch (Exception e) {
                // broken by the case: gone either way
            }
        }
    }
}
