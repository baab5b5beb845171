package org.iotplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
import org.iotplatform.gateway.testing.Clients.RawMqtt;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.HostileCorpus;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code hostile/mqtt.tsv} against one gateway: the attacker's packets go out as written
 * (a raw MQTT client, so nothing is tidied up on the way), the gateway's answer must be the expected
 * one, and afterwards no bystander is harmed ({@link Bystanders}).
 */
class HostileMqttInputTest extends OneGatewayPerClass {

    private static final AtomicInteger ATTACKERS = new AtomicInteger();
    private static final Duration ANSWER = Duration.ofSeconds(10);
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
        return HostileCorpus.cases("mqtt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileInputIsRefusedAndHarmsNoOne(HostileCorpus.Case c) throws Exception {
        c.skipIfMarked();
        String self = "att-" + ATTACKERS.incrementAndGet();
        gw.platform.register(self);
        String tag = "tag-" + c.id() + "-" + System.nanoTime();
        Map<String, Function<String, String>> words = bystanders.vocabulary(self, tag);
        Set<String> flags = new LinkedHashSet<>(
                Arrays.asList(HostileCorpus.expand(c.get("flags"), words).split(",")));
        MqttVersion version = switch (c.get("mqtt")) {
            case "3.1" -> MqttVersion.MQTT_3_1;
            case "3.1.1" -> MqttVersion.MQTT_3_1_1;
            case "5" -> MqttVersion.MQTT_5;
            default -> throw new IllegalArgumentException(c + ": mqtt is 3.1, 3.1.1 or 5");
        };
        String action = c.get("action");
        String target = HostileCorpus.expand(c.get("target"), words);
        byte[] payload = payload(c, words, tag);

        Set<String> observed = new LinkedHashSet<>();
        List<MqttMessage> toAttacker;
        try (RawMqtt raw = new RawMqtt(gw)) {
            MqttConnectMessage connect =
                    connect(version, login(c, self, words), action.equals("will") ? target : null, payload, flags);
            MqttMessage packet = switch (action) {
                case "connect", "will" -> null;
                case "subscribe" ->
                    MqttMessageBuilders.subscribe()
                            .messageId(raw.packetId())
                            .addSubscription(MqttQoS.AT_LEAST_ONCE, target)
                            .build();
                case "unsubscribe" ->
                    MqttMessageBuilders.unsubscribe()
                            .messageId(raw.packetId())
                            .addTopicFilter(target)
                            .build();
                case "publish" -> publish(raw, target, payload, flags, null);
                default -> throw new IllegalArgumentException(c + ": unknown action " + action);
            };
            if (flags.contains("pipelined")) {
                raw.send(connect, packet);
            } else {
                raw.send(connect);
            }
            MqttMessage connAck = raw.next(MqttMessageType.CONNACK, ANSWER);
            boolean accepted = connAck != null
                    && ((MqttConnAckMessage) connAck).variableHeader().connectReturnCode()
                            == MqttConnectReturnCode.CONNECTION_ACCEPTED;
            observed.add(accepted ? "connack-accepted" : "connack-refused");
            if (!accepted) {
                assertTrue(raw.closedByGateway(ANSWER), c + ": a refused login must end the connection");
            } else {
                if (packet != null && !flags.contains("pipelined")) {
                    raw.send(packet);
                }
                switch (action) {
                    case "subscribe" -> observed.add(subAck(raw));
                    case "unsubscribe" ->
                        observed.add(raw.next(MqttMessageType.UNSUBACK, ANSWER) != null ? "unsuback" : "disconnected");
                    case "publish" -> observed.add(publishAck(raw, flags, target, payload));
                    case "will" -> dropAndAwaitWill(raw, self);
                    default -> {}
                }
            }
            List<Received> spied = bystanders.assertUnharmed(
                    "after " + c,
                    r -> (r.topic().contains(tag) || r.payload().contains(tag)) && !Bystanders.ownTopic(r, self));
            boolean delivered = spied.stream()
                    .anyMatch(r -> r.topic().contains(tag) || r.payload().contains(tag));
            observed.add(delivered ? "delivered-own" : "not-delivered");
            toAttacker = raw.drain().stream()
                    .filter(m -> m.fixedHeader().messageType() == MqttMessageType.PUBLISH)
                    .toList();
        }
        System.out.println("hostile mqtt " + c.id() + ": " + observed);
        assertTrue(toAttacker.isEmpty(), c + ": the attacker received " + toAttacker);
        assertOutcome(c, observed);
    }

    /** Each kind of outcome the case names must be the one observed; unnamed ones default to an accepted login and no delivery. */
    static void assertOutcome(HostileCorpus.Case c, Set<String> observed) {
        Set<String> expected = new LinkedHashSet<>(c.expect());
        if (expected.stream().noneMatch(e -> e.startsWith("connack-"))) {
            expected.add("connack-accepted");
        }
        if (expected.stream().noneMatch(e -> e.endsWith("delivered") || e.startsWith("delivered"))) {
            expected.add("not-delivered");
        }
        boolean refusedLogin = observed.contains("connack-refused");
        for (String e : expected) {
            boolean ackKind = !e.startsWith("connack-") && !e.endsWith("delivered") && !e.startsWith("delivered");
            if (ackKind && refusedLogin && expected.contains("connack-refused")) {
                continue;
            }
            assertTrue(observed.contains(e), c + ": expected " + expected + ", observed " + observed);
        }
    }

    private static byte[] payload(HostileCorpus.Case c, Map<String, Function<String, String>> words, String tag) {
        String field = c.get("payload");
        if (field.isEmpty()) {
            return ("{\"hostile\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        byte[] generated = HostileCorpus.generate(field, tag);
        return generated != null
                ? generated
                : HostileCorpus.expand(field, words).getBytes(StandardCharsets.UTF_8);
    }

    /** User name, client id and password: the attacker's own unless the case's login says otherwise ({@code <none>}: left out). */
    private static String[] login(HostileCorpus.Case c, String self, Map<String, Function<String, String>> words) {
        Map<String, String> login = new HashMap<>(Map.of(
                "user",
                Clients.mqttUsername(self),
                "client",
                self,
                "password",
                words.get("token").apply("self")));
        String field = c.get("login");
        if (!field.isEmpty()) {
            for (String part : field.split(";")) {
                int eq = part.indexOf('=');
                String key = part.substring(0, eq);
                if (!login.containsKey(key)) {
                    throw new IllegalArgumentException(c + ": login has user, client and password, not " + key);
                }
                String value = part.substring(eq + 1);
                login.put(key, value.equals("<none>") ? null : HostileCorpus.expand(value, words));
            }
        }
        return new String[] {login.get("user"), login.get("client"), login.get("password")};
    }

    private static MqttConnectMessage connect(
            MqttVersion version, String[] login, String willTopic, byte[] willPayload, Set<String> flags) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(version)
                .clientId(login[1])
                .cleanSession(true)
                .keepAlive(60);
        if (login[0] != null) {
            connect.hasUser(true).username(login[0]);
        }
        if (login[2] != null) {
            connect.hasPassword(true).password(login[2].getBytes(StandardCharsets.UTF_8));
        }
        if (willTopic != null) {
            connect.willFlag(true)
                    .willTopic(willTopic)
                    .willMessage(willPayload)
                    .willQoS(qos(flags))
                    .willRetain(flags.contains("retain"))
                    .willProperties(properties(flags, null));
        }
        return connect.build();
    }

    private static MqttMessage publish(RawMqtt raw, String topic, byte[] payload, Set<String> flags, Integer alias) {
        MqttQoS qos = qos(flags);
        return MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .retained(flags.contains("retain"))
                .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : raw.packetId())
                .payload(Unpooled.wrappedBuffer(payload))
                .properties(properties(flags, alias))
                .build();
    }

    /** MQTT 5 properties from the flags {@code user-property:<name>:<value>} and {@code content-type:<value>}. */
    private static MqttProperties properties(Set<String> flags, Integer alias) {
        MqttProperties properties = new MqttProperties();
        if (alias != null) {
            properties.add(
                    new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value(), alias));
        }
        MqttProperties.UserProperties user = new MqttProperties.UserProperties();
        for (String flag : flags) {
            if (flag.startsWith("user-property:")) {
                String[] parts = flag.split(":", 3);
                user.add(parts[1], parts[2]);
            } else if (flag.startsWith("content-type:")) {
                properties.add(new MqttProperties.StringProperty(
                        MqttProperties.MqttPropertyType.CONTENT_TYPE.value(),
                        flag.substring("content-type:".length())));
            }
        }
        if (!user.value().isEmpty()) {
            properties.add(user);
        }
        return properties;
    }

    private static MqttQoS qos(Set<String> flags) {
        return flags.contains("qos0")
                ? MqttQoS.AT_MOST_ONCE
                : flags.contains("qos2") ? MqttQoS.EXACTLY_ONCE : MqttQoS.AT_LEAST_ONCE;
    }

    private static String subAck(RawMqtt raw) throws InterruptedException {
        MqttMessage ack = raw.next(MqttMessageType.SUBACK, ANSWER);
        if (ack == null) {
            return raw.closedByGateway(Duration.ZERO) ? "disconnected" : "no-ack";
        }
        List<Integer> codes = ((MqttSubAckMessage) ack).payload().reasonCodes();
        return codes.stream().allMatch(code -> code >= 0x80) ? "suback-failure" : "suback-granted";
    }

    /**
     * What came of the publish: its PUBACK/PUBREC reason code (a QoS 2 flow is completed), {@code no-ack}
     * (QoS 0, still connected), or {@code disconnected}. With the {@code alias} flag the publish is sent
     * with topic alias 1 and then again by the alias alone; the second one counts.
     */
    private static String publishAck(RawMqtt raw, Set<String> flags, String topic, byte[] payload) throws Exception {
        if (flags.contains("alias")) {
            raw.send(publish(raw, topic, payload, flags, 1));
            acknowledgement(raw, flags);
            raw.send(publish(raw, "", payload, flags, 1));
        }
        return acknowledgement(raw, flags);
    }

    private static String acknowledgement(RawMqtt raw, Set<String> flags) throws Exception {
        MqttQoS qos = qos(flags);
        if (qos == MqttQoS.AT_MOST_ONCE) {
            return raw.closedByGateway(Duration.ofSeconds(1)) ? "disconnected" : "no-ack";
        }
        MqttMessageType type = qos == MqttQoS.AT_LEAST_ONCE ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        MqttMessage ack = raw.next(type, ANSWER);
        if (ack == null) {
            return raw.closedByGateway(Duration.ofSeconds(1)) ? "disconnected" : "no-ack";
        }
        int code =
                ack.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() & 0xff : 0;
        if (type == MqttMessageType.PUBREC && code < 0x80) {
            int id = ((MqttMessageIdVariableHeader) ack.variableHeader()).messageId();
            raw.send(MqttMessageFactory.newMessage(
                    new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                    MqttMessageIdVariableHeader.from(id),
                    null));
            assertTrue(raw.next(MqttMessageType.PUBCOMP, ANSWER) != null, "no PUBCOMP for an accepted QoS 2 publish");
        }
        return String.format("%s-0x%02x", type == MqttMessageType.PUBACK ? "puback" : "pubrec", code);
    }

    /** Drops the connection without DISCONNECT and waits until the gateway has noticed (and so sent the will). */
    private static void dropAndAwaitWill(RawMqtt raw, String self) throws Exception {
        Thread.sleep(200); // the session is set up after CONNACK is written
        raw.drop();
        Instant end = Instant.now().plusSeconds(10);
        while (gw.platform.events(self, "disconnected").isEmpty()
                && Instant.now().isBefore(end)) {
            Thread.sleep(50);
        }
        assertEquals(
                1,
                gw.platform.events(self, "disconnected").size(),
                "the gateway did not notice the dropped connection");
    }
}
