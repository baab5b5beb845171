package org.iotplatform.gateway.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.protocol.mqtt.exceptions.InvalidClientIdException;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.iotplatform.gateway.platform.AuthDecision;
import org.iotplatform.gateway.platform.PlatformUnavailableException;
import org.iotplatform.protocol.gateway.DeviceProtocol;

/**
 * Artemis' view of who may connect and what they may touch. Devices log in with a SAS token that the
 * platform checks ({@link DeviceAuthenticator}); the back end logs in as a local service identity that
 * may do everything. Authorisation for devices is {@link TopicPolicy}.
 */
public class DeviceSecurityManager implements ActiveMQSecurityManager5 {

    private static final Logger LOG = Logger.getLogger(DeviceSecurityManager.class.getName());
    static final String DEVICE_ROLE = "device";
    static final String BACKEND_ROLE = "backend";
    private static final String SAS_PREFIX = "SharedAccessSignature ";

    private final DeviceAuthenticator authenticator;
    private final DeviceUsername usernames;
    private final TopicPolicy policy;
    private final String backendUser;
    private final byte[] backendPasswordHash;

    public DeviceSecurityManager(
            DeviceAuthenticator authenticator,
            DeviceUsername usernames,
            TopicPolicy policy,
            String backendUser,
            String backendPassword) {
        this.authenticator = authenticator;
        this.usernames = usernames;
        this.policy = policy;
        this.backendUser = backendUser;
        this.backendPasswordHash = sha256(backendPassword);
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain)
            throws NoCacheLoginException {
        String remote = connection == null ? "?" : connection.getRemoteAddress();
        if (user == null || password == null) {
            LOG.warning(() -> "refused login without user name or password from " + remote);
            return null;
        }
        if (user.equals(backendUser)) {
            // Compare digests so the time taken does not depend on how much of the password matched.
            if (MessageDigest.isEqual(backendPasswordHash, sha256(password))) {
                return subject(backendUser, BACKEND_ROLE, null);
            }
            LOG.warning(() -> "refused back-end login from " + remote + ": wrong password");
            return null;
        }
        Optional<DeviceProtocol> protocol = protocolOf(connection);
        if (protocol.isEmpty()) {
            LOG.warning(() ->
                    "refused login of '" + user + "' from " + remote + ": devices connect over MQTT or AMQP only");
            return null;
        }
        Optional<String> deviceId = protocol.get() == DeviceProtocol.MQTT
                ? usernames.deviceIdForMqtt(user)
                : usernames.deviceIdForAmqp(user);
        if (deviceId.isEmpty()) {
            LOG.warning(() -> "refused login from " + remote + ": user name '" + user + "' names no device");
            return null;
        }
        String id = deviceId.get();
        if (protocol.get() == DeviceProtocol.MQTT && !id.equals(connection.getClientID())) {
            LOG.warning(() -> "refused device " + id + " from " + remote + ": MQTT client id '"
                    + connection.getClientID() + "' is not the device id");
            throw new InvalidClientIdException();
        }
        if (!password.startsWith(SAS_PREFIX)) {
            LOG.warning(() -> "refused device " + id + " from " + remote + ": password is not a SAS token");
            return null;
        }
        boolean established = connection != null && connection.getSubject() != null;
        try {
            AuthDecision decision = authenticator.authenticate(id, password, protocol.get(), remote, established);
            if (decision instanceof AuthDecision.Granted granted) {
                return subject(id, DEVICE_ROLE, new DeviceIdentity(id, granted.expiresAt(), granted.incarnation()));
            }
            String reason = ((AuthDecision.Refused) decision).reason();
            LOG.warning(() -> "refused device " + id + " from " + remote + ": " + reason);
            return null;
        } catch (PlatformUnavailableException e) {
            LOG.warning(() ->
                    "refused device " + id + " from " + remote + ": platform unavailable (" + e.getMessage() + ")");
            // Not cached by Artemis: the next attempt asks again.
            throw new NoCacheLoginException("platform unavailable");
        }
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        if (subject.getPrincipals(RolePrincipal.class).contains(new RolePrincipal(BACKEND_ROLE))) {
            return true;
        }
        Optional<DeviceIdentity> device = DeviceIdentity.of(subject);
        if (device.isEmpty()) {
            return false;
        }
        String deviceId = device.get().deviceId();
        boolean permitted = policy.permits(deviceId, checkType, address);
        if (!permitted) {
            LOG.warning(() ->
                    "refused device " + deviceId + ": " + checkType + " on '" + address + "' is outside its topics");
        }
        return permitted;
    }

    @Override
    public boolean validateUser(String user, String password) {
        throw new UnsupportedOperationException("Artemis calls authenticate() on an ActiveMQSecurityManager5");
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        throw new UnsupportedOperationException("Artemis calls authorize() on an ActiveMQSecurityManager5");
    }

    static Optional<DeviceProtocol> protocolOf(RemotingConnection connection) {
        if (connection == null || connection.getProtocolName() == null) {
            return Optional.empty();
        }
        String name = connection.getProtocolName();
        if (name.startsWith("MQTT")) {
            return Optional.of(DeviceProtocol.MQTT);
        }
        if (name.startsWith("AMQP")) {
            return Optional.of(DeviceProtocol.AMQP);
        }
        return Optional.empty();
    }

    private static Subject subject(String user, String role, DeviceIdentity device) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        if (device != null) {
            subject.getPrincipals().add(device);
        }
        return subject;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
