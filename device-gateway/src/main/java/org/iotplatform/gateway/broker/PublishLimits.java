package org.iotplatform.gateway.broker;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.core.server.LargeServerMessage;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Keeps each device within its publish allowance (a token bucket per device) and payload limit, so one
 * broken device cannot starve the rest, without ever acknowledging a message it then drops. MQTT 5
 * devices get PUBACK reason 0x87 and keep their connection; AMQP devices get a rejected delivery;
 * the HTTP endpoint answers 429/413. MQTT 3.1.1 cannot say no to a publish: there the device is
 * slowed down instead, as IoT Hub shapes traffic: its publish goes through and the gateway stops
 * reading its connection until the bucket is even again, so its next publishes (and their
 * acknowledgements) wait. A 3.1.1 device still more than {@code maxDelay} ahead of its allowance,
 * or sending an oversized payload, is disconnected without an acknowledgement (its client sends the
 * message again after reconnecting). Every refusal is counted and logged with the device id (at most
 * one line per device every few seconds).
 */
public class PublishLimits implements ActiveMQServerMessagePlugin {

    private static final Logger LOG = Logger.getLogger(PublishLimits.class.getName());
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final int maxPayloadBytes;
    private final int ratePerSecond;
    private final long maxDelayNanos;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Refusals> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> slowed = new ConcurrentHashMap<>();
    private final AtomicLong refusedTotal = new AtomicLong();
    private final AtomicLong slowedTotal = new AtomicLong();

    private static final class Refusals {
        final AtomicLong count = new AtomicLong();
        volatile long lastLogged = Long.MIN_VALUE;
        long loggedCount;
    }

    public PublishLimits(int maxPayloadBytes, int ratePerSecond, Duration maxDelay) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.ratePerSecond = ratePerSecond;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    @Override
    public void beforeSend(
            ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue)
            throws ActiveMQException {
        RemotingConnection connection = session.getRemotingConnection();
        Optional<DeviceIdentity> device = DeviceIdentity.of(connection.getSubject());
        if (device.isEmpty()) {
            return;
        }
        String deviceId = device.get().deviceId();
        boolean mqtt311 = "MQTT".equals(connection.getProtocolName()); // MQTT 5 connections are named "MQTT5"
        Refusal refusal = mqtt311
                ? shaped(deviceId, payloadSize(message), message.getAddress(), connection)
                : refusal(deviceId, payloadSize(message), message.getAddress());
        if (refusal == null) {
            return;
        }
        if (message.isLargeMessage()) {
            try {
                ((LargeServerMessage) message).deleteFile();
            } catch (Exception e) {
                LOG.warning("cannot delete the refused large message of device " + deviceId + ": " + e);
            }
        }
        // MQTT 5: PUBACK 0x87; AMQP: rejected; MQTT 3.1.1: the connection is closed
        // (closeMqttConnectionOnPublishAuthorizationFailure)
        throw new ActiveMQSecurityException("refused: " + refusal);
    }

    /**
     * An MQTT 3.1.1 publish: {@code null} when it goes (the connection paused for as long as the device
     * is ahead of its allowance), otherwise why the device is disconnected.
     */
    Refusal shaped(String deviceId, long size, Object address, RemotingConnection connection) {
        if (size > maxPayloadBytes) {
            return refuse(
                    deviceId,
                    new Refusal(
                            Refusal.Kind.TOO_LARGE,
                            "payload of " + size + " bytes exceeds the limit of " + maxPayloadBytes
                                    + " (MQTT 3.1.1 cannot refuse a publish: disconnected)"),
                    address);
        }
        long wait = bucket(deviceId).takeOnCredit(System.nanoTime());
        if (wait > maxDelayNanos) {
            return refuse(
                    deviceId,
                    new Refusal(
                            Refusal.Kind.TOO_FAST,
                            "still publishing " + wait / 1_000_000 + " ms ahead of its allowance of " + ratePerSecond
                                    + " messages/s although slowed down: disconnected"),
                    address);
        }
        if (wait > 0) {
            slowedTotal.incrementAndGet();
            slowed.computeIfAbsent(deviceId, id -> new AtomicLong()).incrementAndGet();
            if (connection.getTransportConnection() instanceof NettyConnection netty) {
                pause(netty.getChannel(), deviceId);
            }
        }
        return null;
    }

    /** Stops reading the channel until the device's bucket is out of debt (checked again when the wait is over). */
    private void pause(Channel channel, String deviceId) {
        if (channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
            resumeWhenEven(channel, deviceId);
        }
    }

    private void resumeWhenEven(Channel channel, String deviceId) {
        TokenBucket bucket = buckets.get(deviceId);
        long wait = bucket == null ? 0 : bucket.waitNanos(System.nanoTime());
        if (wait <= 0 || !channel.isActive()) {
            channel.config().setAutoRead(true);
            return;
        }
        channel.eventLoop().schedule(() -> resumeWhenEven(channel, deviceId), wait, TimeUnit.NANOSECONDS);
    }

    /**
     * Takes one publish of {@code size} bytes from the device's allowance: {@code null} when it may go,
     * otherwise why not (counted and logged). Also used by the HTTP endpoint, so a device has one
     * allowance whichever way it sends.
     */
    public Refusal refusal(String deviceId, long size, Object address) {
        if (size > maxPayloadBytes) {
            return refuse(
                    deviceId,
                    new Refusal(
                            Refusal.Kind.TOO_LARGE,
                            "payload of " + size + " bytes exceeds the limit of " + maxPayloadBytes),
                    address);
        }
        if (!bucket(deviceId).tryTake(System.nanoTime())) {
            return refuse(
                    deviceId,
                    new Refusal(Refusal.Kind.TOO_FAST, "publish rate above " + ratePerSecond + " messages/s"),
                    address);
        }
        return null;
    }

    private TokenBucket bucket(String deviceId) {
        return buckets.computeIfAbsent(
                deviceId, id -> new TokenBucket(ratePerSecond, 2.0 * ratePerSecond, System.nanoTime()));
    }

    private Refusal refuse(String deviceId, Refusal refusal, Object address) {
        record(deviceId, refusal.reason(), address);
        return refusal;
    }

    /** Why a publish may not go. */
    public record Refusal(Kind kind, String reason) {
        public enum Kind {
            TOO_LARGE,
            TOO_FAST
        }

        @Override
        public String toString() {
            return reason;
        }
    }

    /** Publishes refused so far, all devices together. */
    public long refusedTotal() {
        return refusedTotal.get();
    }

    public long refusedFor(String deviceId) {
        Refusals r = refusals.get(deviceId);
        return r == null ? 0 : r.count.get();
    }

    /** MQTT 3.1.1 publishes that went through but paused the device's connection, all devices together. */
    public long slowedTotal() {
        return slowedTotal.get();
    }

    public long slowedFor(String deviceId) {
        AtomicLong n = slowed.get(deviceId);
        return n == null ? 0 : n.get();
    }

    /** Forgets a device's bucket and counters (revoked devices). */
    public void forget(String deviceId) {
        buckets.remove(deviceId);
        refusals.remove(deviceId);
        slowed.remove(deviceId);
    }

    private void record(String deviceId, String refusal, Object address) {
        refusedTotal.incrementAndGet();
        Refusals r = refusals.computeIfAbsent(deviceId, id -> new Refusals());
        long count = r.count.incrementAndGet();
        long now = System.nanoTime();
        synchronized (r) {
            if (r.lastLogged == Long.MIN_VALUE || now - r.lastLogged >= LOG_INTERVAL_NANOS) {
                long since = count - r.loggedCount;
                r.lastLogged = now;
                r.loggedCount = count;
                LOG.warning(() -> "refused publish of device " + deviceId + " to '" + address + "': " + refusal + " ("
                        + since + " refused since last report, " + count + " in total)");
            }
        }
    }

    /** The body size; for large and AMQP messages the whole encoded size (headers are small next to the limit). */
    private static long payloadSize(Message message) {
        if (!message.isLargeMessage() && message instanceof ICoreMessage core) {
            return core.getBodyBufferSize();
        }
        return message.getWholeMessageSize();
    }
}
