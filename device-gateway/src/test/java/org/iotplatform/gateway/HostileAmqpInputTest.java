package org.iotplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.iotplatform.gateway.testing.Bystanders;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.HostileCorpus;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code hostile/amqp.tsv} against one gateway: a qpid-jms connection logs in and opens
 * the case's link, the gateway's answer must be the expected one, and afterwards no bystander is
 * harmed ({@link Bystanders}).
 */
class HostileAmqpInputTest extends OneGatewayPerClass {

    private static final AtomicInteger ATTACKERS = new AtomicInteger();
    /** The back end's ingress queue, as Artemis names the shared subscription {@link Bystanders#INGRESS}. */
    private static final String INGRESS_QUEUE = "iot-platform.devices.*.messages.events.#";

    private static Bystanders bystanders;

    @BeforeAll
    static void watch() throws Exception {
        bystanders = new Bystanders(gw);
    }

    @AfterAll
    static void stopWatching() throws Exception {
        bystanders.close();
    }

    static Stream<Arguments> corpus() {
        return HostileCorpus.cases("amqp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileInputIsRefusedAndHarmsNoOne(HostileCorpus.Case c) throws Exception {
        c.skipIfMarked();
        String self = "amqp-att-" + ATTACKERS.incrementAndGet();
        gw.platform.register(self);
        String tag = "tag-" + c.id() + "-" + System.nanoTime();
        Map<String, Function<String, String>> words = bystanders.vocabulary(self, tag);
        String link = c.get("link");
        String address = HostileCorpus.expand(c.get("address"), words);

        Set<String> observed = new LinkedHashSet<>();
        Connection connection = null;
        try {
            if (link.equals("raw")) {
                observed.add(raw(HostileCorpus.expand(c.get("body"), words)));
            } else {
                try {
                    connection = connect(c, self, words);
                    observed.add("connected");
                } catch (jakarta.jms.JMSSecurityException refused) {
                    observed.add("sasl-refused");
                }
            }
            MessageConsumer receiver = null;
            if (connection != null) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                try {
                    switch (link) {
                        case "connect" -> {}
                        case "send-topic", "send-queue", "send-anonymous", "management" ->
                            observed.add(send(session, link, address, message(c, session, words, tag)));
                        case "receive-topic" -> receiver = session.createConsumer(session.createTopic(address));
                        case "receive-queue" -> receiver = session.createConsumer(session.createQueue(address));
                        case "browse" ->
                            session.createBrowser(session.createQueue(address))
                                    .getEnumeration()
                                    .hasMoreElements();
                        case "temp-queue" -> session.createTemporaryQueue();
                        case "shared-durable" ->
                            receiver =
                                    session.createSharedDurableConsumer(session.createTopic(address), "iot-platform");
                        default -> throw new IllegalArgumentException(c + ": unknown link " + link);
                    }
                    if (link.startsWith("receive")
                            || link.equals("browse")
                            || link.equals("temp-queue")
                            || link.equals("shared-durable")) {
                        observed.add("link-attached");
                    }
                } catch (JMSException refused) {
                    observed.add("link-refused");
                }
            }
            List<Received> spied = bystanders.assertUnharmed(
                    "after " + c,
                    r -> (r.topic().contains(tag) || r.payload().contains(tag)) && !Bystanders.ownTopic(r, self));
            assertAmqpDevicesServed(c);
            observed.add(
                    spied.stream()
                                    .anyMatch(r -> r.topic().contains(tag)
                                            || r.payload().contains(tag))
                            ? "delivered-own"
                            : "not-delivered");
            if (receiver != null) {
                Message got = receiver.receive(500);
                observed.add(got == null ? "nothing-received" : "received");
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        System.out.println("hostile amqp " + c.id() + ": " + observed);
        assertOutcome(c, observed);
    }

    /**
     * An honest AMQP device still gets in, on every thread of the AMQP acceptor (Netty hands new
     * connections to its threads in turn, three per core by default), and its telemetry is stored.
     */
    private static void assertAmqpDevicesServed(HostileCorpus.Case c) throws Exception {
        String honest = "amqp-honest";
        gw.platform.register(honest);
        int threads = 3 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < threads; i++) {
            Connection connection;
            try {
                connection = Clients.amqpFactory(gw, "PLAIN", 3000)
                        .createConnection(
                                honest,
                                gw.platform.token(
                                        honest, java.time.Instant.now().plusSeconds(3600)));
                connection.start();
            } catch (JMSException e) {
                throw new AssertionError(
                        "an honest AMQP device cannot connect after " + c + " (attempt " + (i + 1) + " of " + threads
                                + ")",
                        e);
            }
            connection.close();
        }
    }

    /** Writes the hex bytes on a plain socket: {@code closed} when the gateway ends the connection within 5 s, else {@code held-open}. */
    private static String raw(String hex) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gw.amqpPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(java.util.HexFormat.of().parseHex(hex));
            byte[] buffer = new byte[4096];
            try {
                while (socket.getInputStream().read(buffer) >= 0) {
                    // the gateway's answer (its SASL header, mechanisms): what counts is whether it closes
                }
                return "closed";
            } catch (java.net.SocketTimeoutException e) {
                return "held-open";
            } catch (java.io.IOException e) {
                return "closed";
            }
        }
    }

    /** Each outcome the case names must be observed; a receiver let in must get nothing, and nothing tagged is delivered unless named. */
    private static void assertOutcome(HostileCorpus.Case c, Set<String> observed) {
        Set<String> expected = new LinkedHashSet<>(c.expect());
        if (!expected.contains("sasl-refused") && !c.get("link").equals("raw")) {
            expected.add("connected");
        }
        if (!expected.contains("delivered-own")) {
            expected.add("not-delivered");
        }
        if (observed.contains("link-attached")) {
            expected.add("nothing-received");
        }
        assertTrue(observed.containsAll(expected), c + ": expected " + expected + ", observed " + observed);
        assertTrue(!observed.contains("received"), c + ": the attacker's receiver got a bystander's message");
    }

    private static Connection connect(HostileCorpus.Case c, String self, Map<String, Function<String, String>> words)
            throws JMSException {
        Map<String, String> login = new HashMap<>(
                Map.of("user", self, "password", words.get("token").apply("self"), "mechanism", "PLAIN"));
        String field = c.get("login");
        if (!field.isEmpty()) {
            for (String part : field.split(";")) {
                int eq = part.indexOf('=');
                String key = part.substring(0, eq);
                if (!login.containsKey(key)) {
                    throw new IllegalArgumentException(c + ": login has user, password and mechanism, not " + key);
                }
                login.put(key, HostileCorpus.expand(part.substring(eq + 1), words));
            }
        }
        Connection connection = login.get("mechanism").equals("ANONYMOUS")
                ? Clients.amqpFactory(gw, "ANONYMOUS").createConnection()
                : Clients.amqpFactory(gw, login.get("mechanism"))
                        .createConnection(login.get("user"), login.get("password"));
        try {
            connection.start();
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static Message message(
            HostileCorpus.Case c, Session session, Map<String, Function<String, String>> words, String tag)
            throws JMSException {
        String field = c.get("body");
        byte[] generated = field.isEmpty() ? null : HostileCorpus.generate(field, tag);
        Message message;
        if (generated != null) {
            jakarta.jms.BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(generated);
            message = bytes;
        } else {
            message = session.createTextMessage(
                    field.isEmpty() ? "{\"hostile\":\"" + tag + "\"}" : HostileCorpus.expand(field, words));
        }
        String props = c.get("props");
        if (!props.isEmpty()) {
            for (String part : props.split(";")) {
                int eq = part.indexOf('=');
                message.setStringProperty(part.substring(0, eq), HostileCorpus.expand(part.substring(eq + 1), words));
            }
        }
        if (c.get("link").equals("management")) {
            message.setStringProperty("_AMQ_ResourceName", "broker");
            message.setStringProperty("_AMQ_OperationName", "destroyQueue");
            ((jakarta.jms.TextMessage) message).setText("[\"" + INGRESS_QUEUE + "\",true]");
        }
        return message;
    }

    /** {@code accepted} or {@code rejected}; a refused sender link throws. */
    private static String send(Session session, String link, String address, Message message) throws JMSException {
        MessageProducer producer = switch (link) {
            case "send-topic" -> session.createProducer(session.createTopic(address));
            case "send-queue", "management" -> session.createProducer(session.createQueue(address));
            default -> session.createProducer(null);
        };
        try {
            if (link.equals("send-anonymous")) {
                producer.send(session.createQueue(address), message);
            } else {
                producer.send(message);
            }
            return "accepted";
        } catch (JMSException refused) {
            return "rejected";
        }
    }
}
