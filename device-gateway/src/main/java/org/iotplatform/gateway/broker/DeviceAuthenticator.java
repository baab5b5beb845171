package org.iotplatform.gateway.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.iotplatform.gateway.platform.AuthDecision;
import org.iotplatform.gateway.platform.PlatformClient;
import org.iotplatform.gateway.platform.PlatformUnavailableException;
import org.iotplatform.protocol.gateway.DeviceProtocol;

/**
 * Asks the platform whether a SAS token is good, and remembers the answer per (device, SHA-256 of the
 * token) until the token expires or {@code freshFor} has passed, whichever is first. When the platform
 * cannot be reached, only connections that are already established may keep using a remembered,
 * unexpired grant: new connections fail closed.
 */
public class DeviceAuthenticator {

    private final PlatformClient platform;
    private final Clock clock;
    private final Duration freshFor;
    private final Map<String, Map<String, Grant>> grants = new ConcurrentHashMap<>();

    private record Grant(Instant expiresAt, Long incarnation, Instant freshUntil) {
        AuthDecision.Granted decision(String deviceId) {
            return new AuthDecision.Granted(deviceId, expiresAt, incarnation);
        }
    }

    public DeviceAuthenticator(PlatformClient platform, Clock clock, Duration freshFor) {
        this.platform = platform;
        this.clock = clock;
        this.freshFor = freshFor;
    }

    /**
     * @param established whether the connection asking is already authenticated (a re-check), not a new login
     */
    public AuthDecision authenticate(
            String deviceId, String token, DeviceProtocol protocol, String remoteAddress, boolean established)
            throws PlatformUnavailableException {
        Instant now = clock.instant();
        String tokenHash = sha256(token);
        Map<String, Grant> byToken = grants.get(deviceId);
        Grant grant = byToken == null ? null : byToken.get(tokenHash);
        if (grant != null && now.isBefore(grant.freshUntil())) {
            return grant.decision(deviceId);
        }
        AuthDecision decision;
        try {
            decision = platform.authenticate(deviceId, token, protocol, remoteAddress);
        } catch (PlatformUnavailableException e) {
            if (established && grant != null && now.isBefore(grant.expiresAt())) {
                return grant.decision(deviceId);
            }
            throw e;
        }
        if (decision instanceof AuthDecision.Granted granted) {
            Instant freshUntil = now.plus(freshFor);
            if (granted.expiresAt().isBefore(freshUntil)) {
                freshUntil = granted.expiresAt();
            }
            grants.computeIfAbsent(deviceId, id -> new ConcurrentHashMap<>())
                    .put(tokenHash, new Grant(granted.expiresAt(), granted.incarnation(), freshUntil));
        } else {
            forget(deviceId, tokenHash);
        }
        return decision;
    }

    /** Forgets everything remembered for the device (revocation). */
    public void evict(String deviceId) {
        grants.remove(deviceId);
    }

    /** Drops grants whose tokens have expired. */
    public void purgeExpired() {
        Instant now = clock.instant();
        grants.values().forEach(byToken -> byToken.values().removeIf(g -> !now.isBefore(g.expiresAt())));
        grants.values().removeIf(Map::isEmpty);
    }

    private void forget(String deviceId, String tokenHash) {
        Map<String, Grant> byToken = grants.get(deviceId);
        if (byToken != null) {
            byToken.remove(tokenHash);
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
