package org.iotplatform.gateway.broker;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.LargeServerMessage;
import org.apache.activemq.artemis.core.server.RoutingContext;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Refuses device publishes that are too large or come too fast (a token bucket per device), so one
 * broken device cannot starve the rest. MQTT 5 devices get PUBACK reason 0x87 and keep their
 * connection; AMQP devices get a rejected delivery; MQTT 3.1.1 has no way to say no without closing
 * the connection, so there the message is acknowledged and dropped. Every refusal is counted and
 * logged with the device id (at most one line per device every few seconds).
 */
public class PublishLimits implements ActiveMQServerMessagePlugin {

   private static final Logger LOG = Logger.getLogger(PublishLimits.class.getName());
   private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

   /** Set between beforeSend and routing (same thread) for an MQTT 3.1.1 publish to drop silently. */
   private static final ThreadLocal<Boolean> DROP = new ThreadLocal<>();

   private final int maxPayloadBytes;
   private final int ratePerSecond;
   private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
   private final Map<String, Refusals> refusals = new ConcurrentHashMap<>();
   private final AtomicLong refusedTotal = new AtomicLong();

   private static final class Refusals {
      final AtomicLong count = new AtomicLong();
      volatile long lastLogged = Long.MIN_VALUE;
      long loggedCount;
   }

   public PublishLimits(int maxPayloadBytes, int ratePerSecond) {
      this.maxPayloadBytes = maxPayloadBytes;
      this.ratePerSecond = ratePerSecond;
   }

   @Override
   public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue)
         throws ActiveMQException {
      RemotingConnection connection = session.getRemotingConnection();
      Optional<DeviceIdentity> device = DeviceIdentity.of(connection.getSubject());
      if (device.isEmpty()) {
         return;
      }
      String deviceId = device.get().deviceId();
      Refusal refusal = refusal(deviceId, payloadSize(message), message.getAddress());
      if (refusal == null) {
         return;
      }
      if ("MQTT".equals(connection.getProtocolName())) { // 3.1.1; MQTT 5 connections are named "MQTT5"
         DROP.set(Boolean.TRUE);
         return;
      }
      if (message.isLargeMessage()) {
         try {
            ((LargeServerMessage) message).deleteFile();
         } catch (Exception e) {
            LOG.warning("cannot delete the refused large message of device " + deviceId + ": " + e);
         }
      }
      throw new ActiveMQSecurityException("refused: " + refusal);
   }

   @Override
   public void beforeMessageRoute(Message message, RoutingContext context, boolean direct, boolean rejectDuplicates) {
      if (DROP.get() != null) {
         DROP.remove();
         context.clear();
         context.setReusable(false);
      }
   }

   @Override
   public void afterSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue,
                         RoutingStatus result) {
      DROP.remove();
   }

   @Override
   public void onSendException(ServerSession session, Transaction tx, Message message, boolean direct,
                               boolean noAutoCreateQueue, Exception e) {
      DROP.remove();
   }

   /**
    * Takes one publish of {@code size} bytes from the device's allowance: {@code null} when it may go,
    * otherwise why not (counted and logged). Also used by the HTTP endpoint, so a device has one
    * allowance whichever way it sends.
    */
   public Refusal refusal(String deviceId, long size, Object address) {
      Refusal refusal = null;
      if (size > maxPayloadBytes) {
         refusal = new Refusal(Refusal.Kind.TOO_LARGE, "payload of " + size + " bytes exceeds the limit of " + maxPayloadBytes);
      } else if (!buckets.computeIfAbsent(deviceId, id -> new TokenBucket(ratePerSecond, 2.0 * ratePerSecond, System.nanoTime()))
            .tryTake(System.nanoTime())) {
         refusal = new Refusal(Refusal.Kind.TOO_FAST, "publish rate above " + ratePerSecond + " messages/s");
      }
      if (refusal != null) {
         record(deviceId, refusal.reason(), address);
      }
      return refusal;
   }

   /** Why a publish may not go. */
   public record Refusal(Kind kind, String reason) {
      public enum Kind { TOO_LARGE, TOO_FAST }

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

   /** Forgets a device's bucket and counters (revoked devices). */
   public void forget(String deviceId) {
      buckets.remove(deviceId);
      refusals.remove(deviceId);
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
            LOG.warning(() -> "refused publish of device " + deviceId + " to '" + address + "': " + refusal
                  + " (" + since + " refused since last report, " + count + " in total)");
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
