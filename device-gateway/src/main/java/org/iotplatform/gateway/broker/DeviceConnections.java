package org.iotplatform.gateway.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQDisconnectedException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.remoting.FailureListener;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerConnectionPlugin;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerSessionPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.iotplatform.gateway.platform.ConnectionEventReporter;
import org.iotplatform.protocol.gateway.DeviceProtocol;

/**
 * The live device connections: reports them to the platform (connected, disconnected with a reason,
 * activity), ends each one when its SAS token expires, and ends all of a device's connections on
 * revocation.
 */
public class DeviceConnections
        implements ActiveMQServerSessionPlugin, ActiveMQServerConnectionPlugin, ActiveMQServerMessagePlugin {

    private static final Logger LOG = Logger.getLogger(DeviceConnections.class.getName());

    private final ConnectionEventReporter events;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Map<Object, Tracked> byConnectionId = new ConcurrentHashMap<>();
    private Supplier<Iterable<RemotingConnection>> allConnections = List::of;

    /** One device connection; {@code closeReason} is set when the gateway itself ends it. */
    private static final class Tracked {
        final String deviceId;
        final DeviceProtocol protocol;
        final String remoteAddress;
        final RemotingConnection connection;
        volatile String closeReason;
        volatile ScheduledFuture<?> expiry;

        Tracked(String deviceId, DeviceProtocol protocol, RemotingConnection connection) {
            this.deviceId = deviceId;
            this.protocol = protocol;
            this.remoteAddress = connection.getRemoteAddress();
            this.connection = connection;
        }
    }

    public DeviceConnections(ConnectionEventReporter events, ScheduledExecutorService timer, Clock clock) {
        this.events = events;
        this.timer = timer;
        this.clock = clock;
    }

    /** Lets revocation also reach connections not (yet) tracked, e.g. authenticated but without a session. */
    public void connectionSource(Supplier<Iterable<RemotingConnection>> allConnections) {
        this.allConnections = allConnections;
    }

    @Override
    public void afterCreateSession(ServerSession session) {
        RemotingConnection connection = session.getRemotingConnection();
        Optional<DeviceIdentity> identity = DeviceIdentity.of(connection.getSubject());
        Optional<DeviceProtocol> protocol = DeviceSecurityManager.protocolOf(connection);
        if (identity.isEmpty() || protocol.isEmpty()) {
            return; // the back end, or the broker's own sessions
        }
        Tracked tracked = new Tracked(identity.get().deviceId(), protocol.get(), connection);
        if (byConnectionId.putIfAbsent(connection.getID(), tracked) != null) {
            return; // a further AMQP session on a known connection
        }
        connection.addFailureListener(new FailureListener() {
            @Override
            public void connectionFailed(ActiveMQException exception, boolean failedOver) {
                gone(connection.getID(), reasonOf(exception));
            }

            @Override
            public void connectionFailed(
                    ActiveMQException exception, boolean failedOver, String scaleDownTargetNodeID) {
                connectionFailed(exception, failedOver);
            }
        });
        connection.addCloseListener(() -> gone(connection.getID(), "connection closed"));
        events.connected(tracked.deviceId, tracked.protocol, tracked.remoteAddress);
        LOG.info(() -> "device " + tracked.deviceId + " connected over " + tracked.protocol.wireName() + " from "
                + tracked.remoteAddress);

        Duration untilExpiry = Duration.between(clock.instant(), identity.get().expiresAt());
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            close(tracked, "SAS token expired");
        } else {
            tracked.expiry = timer.schedule(
                    () -> close(tracked, "SAS token expired"), untilExpiry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void afterDestroyConnection(RemotingConnection connection) {
        gone(connection.getID(), "connection closed");
    }

    @Override
    public void afterSend(
            ServerSession session,
            Transaction tx,
            Message message,
            boolean direct,
            boolean noAutoCreateQueue,
            RoutingStatus result) {
        Tracked tracked = byConnectionId.get(session.getRemotingConnection().getID());
        if (tracked != null) {
            events.activity(tracked.deviceId, tracked.protocol, tracked.remoteAddress);
        }
    }

    /** Ends every connection of the device at once. */
    public int disconnect(String deviceId, String reason) {
        return disconnect(deviceId, null, reason);
    }

    /**
     * Ends the device's connections that signed in as the {@code revoked} incarnation or an older one
     * (null: all of them). A device deleted and created again under the same id keeps its connection.
     */
    public int disconnect(String deviceId, Long revoked, String reason) {
        int closed = 0;
        for (Tracked tracked : byConnectionId.values()) {
            if (tracked.deviceId.equals(deviceId) && revokes(tracked.connection, revoked)) {
                close(tracked, reason);
                closed++;
            }
        }
        for (RemotingConnection connection : allConnections.get()) {
            Optional<DeviceIdentity> identity = DeviceIdentity.of(connection.getSubject());
            if (identity.isPresent()
                    && identity.get().deviceId().equals(deviceId)
                    && identity.get().revokedBy(revoked)
                    && !byConnectionId.containsKey(connection.getID())) {
                connection.fail(new ActiveMQDisconnectedException(reason));
                closed++;
            }
        }
        return closed;
    }

    private static boolean revokes(RemotingConnection connection, Long revoked) {
        return DeviceIdentity.of(connection.getSubject())
                .map(identity -> identity.revokedBy(revoked))
                .orElse(true);
    }

    public int count() {
        return byConnectionId.size();
    }

    private void close(Tracked tracked, String reason) {
        tracked.closeReason = reason;
        LOG.info(() -> "disconnecting device " + tracked.deviceId + " (" + tracked.remoteAddress + "): " + reason);
        tracked.connection.fail(new ActiveMQDisconnectedException(reason));
    }

    private void gone(Object connectionId, String reason) {
        Tracked tracked = byConnectionId.remove(connectionId);
        if (tracked == null) {
            return;
        }
        ScheduledFuture<?> expiry = tracked.expiry;
        if (expiry != null) {
            expiry.cancel(false);
        }
        String why = tracked.closeReason != null ? tracked.closeReason : reason;
        events.disconnected(tracked.deviceId, tracked.protocol, tracked.remoteAddress, why);
        LOG.info(() -> "device " + tracked.deviceId + " disconnected (" + tracked.remoteAddress + "): " + why);
    }

    private static String reasonOf(ActiveMQException exception) {
        return exception == null || exception.getMessage() == null ? "connection failed" : exception.getMessage();
    }
}
