package org.iotplatform.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.iotplatform.gateway.broker.AmqpTelemetryRoute;
import org.iotplatform.gateway.broker.ClientIdCheck;
import org.iotplatform.gateway.broker.DeviceAuthenticator;
import org.iotplatform.gateway.broker.DeviceConnections;
import org.iotplatform.gateway.broker.DeviceRetainFlag;
import org.iotplatform.gateway.broker.DeviceSecurityManager;
import org.iotplatform.gateway.broker.DeviceSubscriptions;
import org.iotplatform.gateway.broker.DeviceUsername;
import org.iotplatform.gateway.broker.DeviceboundSettlements;
import org.iotplatform.gateway.broker.ForbiddenCharacters;
import org.iotplatform.gateway.broker.GatewayBroker;
import org.iotplatform.gateway.broker.InVmTelemetrySender;
import org.iotplatform.gateway.broker.IotHubTopics;
import org.iotplatform.gateway.broker.MqttVersionCheck;
import org.iotplatform.gateway.broker.PublishLimits;
import org.iotplatform.gateway.broker.TelemetryPropertyBag;
import org.iotplatform.gateway.broker.TopicPolicy;
import org.iotplatform.gateway.broker.TransientMethodCalls;
import org.iotplatform.gateway.config.GatewaySettings;
import org.iotplatform.gateway.http.HttpTelemetryEndpoint;
import org.iotplatform.gateway.platform.ConnectionEventReporter;
import org.iotplatform.gateway.platform.PlatformClient;
import org.iotplatform.gateway.platform.RevocationPoller;
import org.iotplatform.gateway.tls.LocalCertificateAuthority;
import org.iotplatform.gateway.tls.ServerKeystore;
import org.iotplatform.protocol.gateway.Revocations;

/** The running gateway: wires broker, platform client and local CA together; {@link #close()} stops it all. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    private static final int EVENT_QUEUE_CAPACITY = 100_000;

    private final GatewaySettings settings;
    private final ScheduledExecutorService timer;
    private final ServerKeystore keystore;
    private final DeviceAuthenticator authenticator;
    private final ConnectionEventReporter events;
    private final DeviceConnections connections;
    private final PublishLimits limits;
    private final GatewayBroker broker;
    private final RevocationPoller revocations;
    private InVmTelemetrySender inVmSender;
    private HttpTelemetryEndpoint http;

    private Gateway(GatewaySettings settings, Clock clock) throws Exception {
        this.settings = settings;
        this.timer = Executors.newScheduledThreadPool(2, daemonThreads());
        Set<String> names = new LinkedHashSet<>(List.of(settings.host(), settings.hubHostname()));
        this.keystore = new LocalCertificateAuthority(settings.tlsDir()).ensureServerKeystore(names);

        PlatformClient platform = new PlatformClient(
                settings.platformUrl(), settings.platformUser(), settings.platformPassword(), settings.platformCa());
        this.authenticator = new DeviceAuthenticator(platform, clock, settings.authCache());
        this.events = new ConnectionEventReporter(platform, clock, EVENT_QUEUE_CAPACITY);
        this.connections = new DeviceConnections(events, timer, clock);
        this.limits = new PublishLimits(
                settings.maxPayloadBytes(), settings.publishRatePerDevice(), settings.publishMaxDelay());
        DeviceUsername usernames = new DeviceUsername(settings.hubHostname());
        DeviceSecurityManager security = new DeviceSecurityManager(
                authenticator, usernames, new TopicPolicy(), settings.backendUser(), settings.backendPassword());
        this.broker = new GatewayBroker(settings, keystore, security);
        broker.register(limits);
        broker.register(connections);
        broker.register(new AmqpTelemetryRoute(broker.server()));
        broker.register(new DeviceboundSettlements(broker.server(), events));
        broker.register(new TransientMethodCalls());
        this.revocations = new RevocationPoller(platform, this::revoked);
    }

    /** Starts a gateway; the caller closes it. */
    public static Gateway start(GatewaySettings settings) throws Exception {
        return start(settings, Clock.systemUTC());
    }

    public static Gateway start(GatewaySettings settings, Clock clock) throws Exception {
        Gateway gateway = new Gateway(settings, clock);
        try {
            gateway.startServices();
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    private void startServices() throws Exception {
        LOG.info(() -> "starting device gateway with " + settings);
        broker.start(
                List.of(
                        new MqttVersionCheck(),
                        new ClientIdCheck(new DeviceUsername(settings.hubHostname()), settings.backendUser()),
                        new ForbiddenCharacters(settings.backendUser()),
                        new DeviceSubscriptions(),
                        new DeviceRetainFlag(settings.backendUser()),
                        new TelemetryPropertyBag(),
                        IotHubTopics.incoming()),
                List.of(IotHubTopics.outgoing()));
        connections.connectionSource(broker::connections);
        inVmSender = new InVmTelemetrySender(
                broker.inVmUrl(), settings.backendUser(), settings.backendPassword(), settings.httpThreads());
        http = new HttpTelemetryEndpoint(
                settings.host(),
                settings.plainHost(),
                settings.plainEnabled() ? settings.httpPort() : -1,
                settings.httpsPort(),
                keystore.sslContext(),
                settings.httpThreads(),
                settings.httpMaxBodyBytes(),
                authenticator,
                limits,
                events,
                inVmSender);
        http.start();
        events.start(timer, Duration.ofSeconds(1));
        revocations.start(timer, settings.revocationPoll());
        timer.scheduleWithFixedDelay(authenticator::purgeExpired, 1, 1, TimeUnit.MINUTES);
        LOG.info(() -> "device gateway ready; devices trust the CA in "
                + keystore.caCertificate().toAbsolutePath());
    }

    /** Revoked devices lose their remembered logins and the connections of the revoked incarnation. */
    void revoked(List<Revocations.Revoked> revoked) {
        revoked.forEach(r -> authenticator.evict(r.deviceId()));
        broker.invalidateSecurityCaches();
        for (Revocations.Revoked r : revoked) {
            int closed = connections.disconnect(r.deviceId(), r.incarnation(), "device revoked by the platform");
            limits.forget(r.deviceId());
            LOG.info(() -> "device " + r.deviceId() + " revoked"
                    + (r.incarnation() == null ? "" : " (incarnation " + r.incarnation() + ")") + "; " + closed
                    + " connection(s) closed");
        }
    }

    public ServerKeystore keystore() {
        return keystore;
    }

    public PublishLimits publishLimits() {
        return limits;
    }

    public DeviceConnections deviceConnections() {
        return connections;
    }

    public GatewayBroker broker() {
        return broker;
    }

    /** The HTTP device API (HTTPS address first). */
    public HttpTelemetryEndpoint http() {
        return http;
    }

    @Override
    public void close() {
        revocations.stop();
        if (http != null) {
            http.close();
        }
        if (inVmSender != null) {
            inVmSender.close();
        }
        try {
            broker.stop();
        } catch (Exception e) {
            LOG.warning("broker did not stop cleanly: " + e);
        }
        events.stop();
        timer.shutdownNow();
        LOG.info("device gateway stopped");
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "gateway-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
