package org.iotplatform.gateway.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.impl.SecurityStoreImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.iotplatform.gateway.config.GatewaySettings;
import org.iotplatform.gateway.tls.ServerKeystore;

/** The embedded Artemis broker: persistent journal in the data directory, MQTT and AMQP acceptors, optional cluster. */
public class GatewayBroker {

    private static final Logger LOG = Logger.getLogger(GatewayBroker.class.getName());
    /** Artemis' own login cache in front of ours: short, so token expiry and re-enabling show quickly. */
    private static final long ARTEMIS_AUTH_CACHE_MILLIS = 10_000;

    /** In-VM server ids are per JVM: tests run several gateways in one. */
    private static final java.util.concurrent.atomic.AtomicInteger IN_VM_IDS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final GatewaySettings settings;
    private final ServerKeystore keystore;
    private final int inVmId = IN_VM_IDS.getAndIncrement();
    private final ActiveMQServer server;

    public GatewayBroker(GatewaySettings settings, ServerKeystore keystore, DeviceSecurityManager securityManager) {
        this.settings = settings;
        this.keystore = keystore;
        this.server = new ActiveMQServerImpl(configuration(), securityManager);
    }

    public ActiveMQServer server() {
        return server;
    }

    /** Where the gateway's own adapters (HTTP) reach the broker, without a socket. */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }

    public void register(ActiveMQServerBasePlugin plugin) {
        server.registerBrokerPlugin(plugin);
    }

    /** Starts the broker; the interceptors see each MQTT packet from ({@code incoming}) and to ({@code outgoing}) clients, in order. */
    public void start(List<MQTTInterceptor> incoming, List<MQTTInterceptor> outgoing) throws Exception {
        server.start();
        incoming.forEach(server.getRemotingService()::addIncomingInterceptor);
        outgoing.forEach(server.getRemotingService()::addOutgoingInterceptor);
        LOG.info(() -> "broker " + settings.nodeId() + " listening: " + describeAcceptors());
    }

    public void stop() throws Exception {
        server.stop();
    }

    /** Makes Artemis ask the security manager again on the next check (after a revocation). */
    public void invalidateSecurityCaches() {
        if (server.getSecurityStore() instanceof SecurityStoreImpl store) {
            store.invalidateAuthenticationCache();
            store.invalidateAuthorizationCache();
        }
    }

    public Iterable<RemotingConnection> connections() {
        return List.copyOf(server.getRemotingService().getConnections());
    }

    private Configuration configuration() {
        Path data = settings.dataDir().toAbsolutePath();
        Configuration config = new ConfigurationImpl()
                .setName(settings.nodeId())
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(data.toString())
                .setSecurityEnabled(true)
                .setSecurityInvalidationInterval(ARTEMIS_AUTH_CACHE_MILLIS)
                .setPopulateValidatedUser(true)
                .setJMXManagementEnabled(false)
                .setAddressQueueScanPeriod(10_000);

        // Each distinct topic (every $.mid property bag, every $rid) auto-creates an address: delete them when unused.
        AddressSettings churn = new AddressSettings()
                .setAutoCreateAddresses(true)
                .setAutoDeleteAddresses(true)
                .setAutoDeleteAddressesDelay(0)
                .setAutoDeleteQueues(true);
        config.addAddressSetting("devices.#", churn);
        config.addAddressSetting("$iothub.#", churn);

        if (settings.plainEnabled()) {
            config.addAcceptorConfiguration(acceptor("mqtt", settings.plainHost(), settings.mqttPort(), "MQTT", false));
            config.addAcceptorConfiguration(acceptor("amqp", settings.plainHost(), settings.amqpPort(), "AMQP", false));
        }
        config.addAcceptorConfiguration(acceptor("mqtts", settings.host(), settings.mqttsPort(), "MQTT", true));
        config.addAcceptorConfiguration(new TransportConfiguration(
                InVMAcceptorFactory.class.getName(),
                Map.of(
                        org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants.SERVER_ID_PROP_NAME,
                        inVmId),
                "in-vm"));
        config.addAcceptorConfiguration(acceptor("amqps", settings.host(), settings.amqpsPort(), "AMQP", true));
        if (settings.clustered()) {
            cluster(config);
        }
        return config;
    }

    private TransportConfiguration acceptor(String name, String host, int port, String protocol, boolean tls) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, host);
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, protocol);
        if (tls) {
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(
                    TransportConstants.KEYSTORE_PATH_PROP_NAME,
                    keystore.keystore().toAbsolutePath().toString());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, keystore.password());
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
        }
        Map<String, Object> protocolParams = new HashMap<>();
        if ("MQTT".equals(protocol)) {
            // MQTT 3.1.1 cannot refuse a publish: close the connection rather than deliver to a foreign topic.
            protocolParams.put("closeMqttConnectionOnPublishAuthorizationFailure", true);
            // Honour the device's keep-alive. Artemis' default (60 s) cannot be told to MQTT 3.1.1
            // clients, which then get dropped after 90 s of silence: the Azure SDK pings every 230 s.
            protocolParams.put("serverKeepAlive", -1);
        }
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, name, protocolParams);
    }

    /** Static cluster: every node lists the others; messages move on demand to the node that has the consumer. */
    private void cluster(Configuration config) {
        Map<String, Object> acceptor = new HashMap<>();
        acceptor.put(TransportConstants.HOST_PROP_NAME, settings.host());
        acceptor.put(TransportConstants.PORT_PROP_NAME, settings.clusterPort());
        acceptor.put(TransportConstants.PROTOCOLS_PROP_NAME, "CORE");
        config.addAcceptorConfiguration(
                new TransportConfiguration(NettyAcceptorFactory.class.getName(), acceptor, "cluster"));

        config.addConnectorConfiguration("self", connector(settings.clusterHost(), settings.clusterPort()));
        List<String> peers = new ArrayList<>();
        for (String peer : settings.clusterConnectors()) {
            int colon = peer.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "iot.gateway.cluster-connectors: expected host:port, got '" + peer + "'");
            }
            String name = "peer-" + peers.size();
            config.addConnectorConfiguration(
                    name, connector(peer.substring(0, colon), Integer.parseInt(peer.substring(colon + 1))));
            peers.add(name);
        }
        config.setClusterUser(settings.clusterUser()).setClusterPassword(settings.clusterPassword());
        config.addClusterConfiguration(new ClusterConnectionConfiguration()
                .setName("iot-gateways")
                .setAddress("")
                .setConnectorName("self")
                .setStaticConnectors(peers)
                .setMessageLoadBalancingType(MessageLoadBalancingType.ON_DEMAND)
                .setMaxHops(1));
        // A device's messages reach the back end even when its consumer sits on another node.
        config.addAddressSetting("#", new AddressSettings().setRedistributionDelay(0));
    }

    private static TransportConfiguration connector(String host, int port) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, host);
        params.put(TransportConstants.PORT_PROP_NAME, port);
        return new TransportConfiguration(NettyConnectorFactory.class.getName(), params);
    }

    private String describeAcceptors() {
        StringBuilder text = new StringBuilder();
        for (TransportConfiguration acceptor : server.getConfiguration().getAcceptorConfigurations()) {
            if (acceptor.getParams().get(TransportConstants.PORT_PROP_NAME) == null) {
                continue; // in-VM
            }
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(acceptor.getName())
                    .append(' ')
                    .append(acceptor.getParams().get(TransportConstants.HOST_PROP_NAME))
                    .append(':')
                    .append(acceptor.getParams().get(TransportConstants.PORT_PROP_NAME));
        }
        return text.toString();
    }
}
