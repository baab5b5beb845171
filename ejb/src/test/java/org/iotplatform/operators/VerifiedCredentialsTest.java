package org.iotplatform.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private static final Username ALICE = new Username("alice");

    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final AtomicInteger hashes = new AtomicInteger();

    private VerifiedCredentials credentials() {
        VerifiedCredentials c = new VerifiedCredentials();
        c.clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now;
            }
        };
        c.ttlSeconds = 60;
        c.init();
        return c;
    }

    private Supplier<Optional<Role>> slowHash(CountDownLatch release, Optional<Role> answer) {
        return () -> {
            hashes.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        };
    }

    @Test
    void callersPresentingTheSameCredentialsAtOnceShareOneVerification() throws Exception {
        VerifiedCredentials c = credentials();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Optional<Role>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(callers.submit(
                        () -> c.roleOf(ALICE, "secret-password", slowHash(release, Optional.of(Role.OPERATOR)))));
            }
            Thread.sleep(300); // all of them are waiting now
            release.countDown();
            for (Future<Optional<Role>> answer : answers) {
                assertEquals(Optional.of(Role.OPERATOR), answer.get(5, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, hashes.get(), "one PBKDF2 for sixteen simultaneous calls");
        c.roleOf(ALICE, "secret-password", slowHash(new CountDownLatch(0), Optional.empty()));
        assertEquals(1, hashes.get(), "then remembered");
    }

    @Test
    void nearItsEndOneCallerVerifiesAgainWhileTheOthersUseTheRememberedAnswer() {
        VerifiedCredentials c = credentials();
        CountDownLatch none = new CountDownLatch(0);
        c.roleOf(ALICE, "secret-password", slowHash(none, Optional.of(Role.ADMIN)));
        now = now.plusSeconds(50); // in the last quarter of 60 s
        // the first caller refreshes; while it does (flag taken), others are answered from memory
        assertEquals(Optional.of(Role.ADMIN), c.roleOf(ALICE, "secret-password", () -> {
            hashes.incrementAndGet();
            assertEquals(
                    Optional.of(Role.ADMIN),
                    c.roleOf(ALICE, "secret-password", slowHash(none, Optional.empty())),
                    "another caller meanwhile");
            return Optional.of(Role.ADMIN);
        }));
        assertEquals(2, hashes.get());
        now = now.plusSeconds(40); // past the first entry's end, early in the refreshed one's life
        assertEquals(Optional.of(Role.ADMIN), c.roleOf(ALICE, "secret-password", slowHash(none, Optional.empty())));
        assertEquals(2, hashes.get(), "the refreshed entry answered");
    }

    @Test
    void wrongPasswordsAndChangedAccountsAreNotRemembered() {
        VerifiedCredentials c = credentials();
        CountDownLatch none = new CountDownLatch(0);
        assertTrue(c.roleOf(ALICE, "wrong-password", slowHash(none, Optional.empty()))
                .isEmpty());
        assertTrue(c.roleOf(ALICE, "wrong-password", slowHash(none, Optional.empty()))
                .isEmpty());
        assertEquals(2, hashes.get(), "a failure is checked again each time");

        c.roleOf(ALICE, "secret-password", slowHash(none, Optional.of(Role.VIEWER)));
        c.forget(ALICE);
        assertTrue(
                c.roleOf(ALICE, "secret-password", slowHash(none, Optional.empty()))
                        .isEmpty(),
                "after a change to the account the password is checked again");
        assertEquals(4, hashes.get());
    }
}
