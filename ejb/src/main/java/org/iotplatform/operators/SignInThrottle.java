package org.iotplatform.operators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing down, per account and per client address: after a few free failures each
 * further one doubles the wait before the next attempt is even checked. The account's wait is capped
 * short ({@code iot.security.sign-in.max-account-delay}) so an attacker elsewhere cannot keep the real
 * admin out for long; the address's wait grows longer ({@code max-address-delay}). A success clears
 * the account and that address; a quiet quarter of an hour forgets everything.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private record Failures(int count, Instant last, Instant blockedUntil) {}

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.security.sign-in.free-failures", defaultValue = "5")
    int freeFailures;

    /** Higher than an account's: many people may sign in from behind one address (an office's NAT). */
    @Inject
    @ConfigProperty(name = "iot.security.sign-in.free-failures-per-address", defaultValue = "20")
    int freeFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "iot.security.sign-in.max-account-delay", defaultValue = "PT30S")
    Duration maxAccountDelay;

    @Inject
    @ConfigProperty(name = "iot.security.sign-in.max-address-delay", defaultValue = "PT5M")
    Duration maxAddressDelay;

    private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    /** How long this caller must wait before a password is checked again; zero when it may try now. */
    public Duration waitBeforeAttempt(String username, String address) {
        Instant now = clock.instant();
        Duration account = remaining(byAccount.get(key(username)), now);
        Duration fromAddress = remaining(byAddress.get(String.valueOf(address)), now);
        return account.compareTo(fromAddress) >= 0 ? account : fromAddress;
    }

    /** Counts a failed attempt; returns how long the caller must now wait (zero while failures are free). */
    public Duration failed(String username, String address) {
        Instant now = clock.instant();
        if (byAccount.size() + byAddress.size() > MAX_TRACKED) {
            forgetQuiet(now);
        }
        Failures account = byAccount.compute(key(username), (k, f) -> next(f, now, freeFailures, maxAccountDelay));
        Failures fromAddress = byAddress.compute(
                String.valueOf(address), (k, f) -> next(f, now, freeFailuresPerAddress, maxAddressDelay));
        Duration a = remaining(account, now);
        Duration b = remaining(fromAddress, now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void succeeded(String username, String address) {
        byAccount.remove(key(username));
        byAddress.remove(String.valueOf(address));
    }

    private static Failures next(Failures previous, Instant now, int free, Duration cap) {
        int count = previous == null || previous.last().plus(FORGET_AFTER).isBefore(now) ? 1 : previous.count() + 1;
        Instant blockedUntil = now;
        if (count > free) {
            int doublings = Math.min(count - free - 1, 30);
            Duration delay = Duration.ofSeconds(1L << doublings);
            blockedUntil = now.plus(delay.compareTo(cap) > 0 ? cap : delay);
        }
        return new Failures(count, now, blockedUntil);
    }

    private static Duration remaining(Failures failures, Instant now) {
        if (failures == null || !failures.blockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.blockedUntil());
    }

    private void forgetQuiet(Instant now) {
        byAccount.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
        byAddress.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
    }

    /** Account names compare case-insensitively here, so "Admin" and "admin" share one allowance. */
    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
