package org.iotplatform.operators;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers recently verified username/password pairs for a short time.
 *
 * <p>A PBKDF2 check at 210,000 iterations costs ~75 ms of CPU; REST clients using HTTP Basic send
 * the password on every call. Entries are keyed by an HMAC under a per-process random key, so the
 * map never holds a password or a reusable hash of one, and any change to an account evicts it.
 */
@ApplicationScoped
public class VerifiedCredentials {

    private record Entry(Username username, Role role, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.security.credential-cache-seconds", defaultValue = "60")
    long ttlSeconds;

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(key);
    }

    Optional<Role> lookup(Username username, String password) {
        Entry e = entries.get(fingerprint(username, password));
        if (e == null) {
            return Optional.empty();
        }
        if (e.expires().isBefore(clock.instant())) {
            entries.values().remove(e);
            return Optional.empty();
        }
        return Optional.of(e.role());
    }

    void remember(Username username, String password, Role role) {
        if (ttlSeconds <= 0) {
            return;
        }
        if (entries.size() > 10_000) {
            entries.clear(); // bound memory against credential stuffing; the cost is a re-hash
        }
        entries.put(fingerprint(username, password),
                new Entry(username, role, clock.instant().plus(Duration.ofSeconds(ttlSeconds))));
    }

    void forget(Username username) {
        entries.values().removeIf(e -> e.username().equals(username));
    }

    private String fingerprint(Username username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(username.value().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
