package org.iotplatform.operators;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers recently verified username/password pairs for a short time.
 *
 * <p>A PBKDF2 check at 210,000 iterations costs ~75 ms of CPU; REST clients using HTTP Basic send
 * the password on every call. Entries are keyed by an HMAC under a per-process random key, so the
 * map never holds a password or a reusable hash of one, and any change to an account evicts it.
 *
 * <p>Callers presenting the same credentials at the same moment share one verification, and a
 * remembered pair is verified again by a single caller in the last quarter of its lifetime while
 * the others still use it. Without both, every call in flight when an entry expired ran its own
 * PBKDF2: with 64 REST callers that was ~5 s of CPU, and every API call on the machine stalled
 * for one to two seconds once a minute.
 */
@ApplicationScoped
public class VerifiedCredentials {

    private record Entry(Username username, Role role, Instant expires, AtomicBoolean refreshing) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<Role>>> verifying = new ConcurrentHashMap<>();
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

    /**
     * The role for these credentials: remembered, or from {@code verify} (run once however many
     * callers ask at the same time; empty: not valid, and not remembered).
     */
    Optional<Role> roleOf(Username username, String password, Supplier<Optional<Role>> verify) {
        String fingerprint = fingerprint(username, password);
        Instant now = clock.instant();
        Entry e = entries.get(fingerprint);
        if (e != null && now.isBefore(e.expires())) {
            boolean refreshDue = !now.isBefore(e.expires().minusSeconds(Math.max(1, ttlSeconds / 4)));
            if (!refreshDue || !e.refreshing().compareAndSet(false, true)) {
                return Optional.of(e.role());
            }
            // this caller verifies again; the others keep the remembered answer meanwhile
        }
        CompletableFuture<Optional<Role>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Role>> running = verifying.putIfAbsent(fingerprint, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException r ? r : failed;
            }
        }
        try {
            Optional<Role> role = verify.get();
            if (role.isPresent()) {
                remember(fingerprint, username, role.get());
            } else {
                entries.remove(fingerprint);
            }
            mine.complete(role);
            return role;
        } catch (RuntimeException failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            verifying.remove(fingerprint, mine);
        }
    }

    /**
     * The role remembered for these credentials, without checking anything; empty when not remembered
     * or in the last quarter of its time, when {@link #roleOf} lets one caller re-check it early.
     */
    Optional<Role> remembered(Username username, String password) {
        Entry e = entries.get(fingerprint(username, password));
        boolean fresh = e != null && clock.instant().isBefore(e.expires().minusSeconds(Math.max(1, ttlSeconds / 4)));
        return fresh ? Optional.of(e.role()) : Optional.empty();
    }

    private void remember(String fingerprint, Username username, Role role) {
        if (ttlSeconds <= 0) {
            return;
        }
        if (entries.size() > 10_000) {
            entries.clear(); // bound memory against credential stuffing; the cost is a re-hash
        }
        entries.put(
                fingerprint,
                new Entry(username, role, clock.instant().plus(Duration.ofSeconds(ttlSeconds)), new AtomicBoolean()));
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
