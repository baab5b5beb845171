package org.iotplatform.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final SignInThrottle throttle = new SignInThrottle();

    SignInThrottleTest() {
        throttle.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        throttle.freeFailures = 5;
        throttle.freeFailuresPerAddress = 5;
        throttle.maxAccountDelay = Duration.ofSeconds(30);
        throttle.maxAddressDelay = Duration.ofMinutes(5);
    }

    @Test
    void aFewFailuresAreFreeThenEachOneDoublesTheWait() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.failed("admin", "10.0.0.9"));
        }
        assertEquals(Duration.ofSeconds(1), throttle.failed("admin", "10.0.0.9"));
        assertEquals(Duration.ofSeconds(2), throttle.failed("admin", "10.0.0.9"));
        assertEquals(Duration.ofSeconds(4), throttle.failed("admin", "10.0.0.9"));
        assertEquals(
                Duration.ofSeconds(4),
                throttle.waitBeforeAttempt("ADMIN", "10.0.0.9"),
                "names compare case-insensitively");
        now = now.plusSeconds(4);
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("admin", "10.0.0.9"));
    }

    @Test
    void theAccountsWaitIsCappedShortSoAnAttackerCannotKeepTheAdminOutButItsOwnAddressWaitsLonger() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("admin", "203.0.113.7");
        }
        assertEquals(
                Duration.ofMinutes(5), throttle.waitBeforeAttempt("someone", "203.0.113.7"), "the attacker's address");
        assertEquals(Duration.ofSeconds(30), throttle.waitBeforeAttempt("admin", "10.0.0.1"), "the admin elsewhere");
        now = now.plusSeconds(30);
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("admin", "10.0.0.1"));
    }

    @Test
    void anAddressGetsMoreFreeFailuresThanAnAccount() {
        throttle.freeFailuresPerAddress = 20;
        for (int i = 0; i < 10; i++) {
            throttle.failed("user-" + i, "192.0.2.1"); // one office, ten people mistyping
        }
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("user-11", "192.0.2.1"));
    }

    @Test
    void aSuccessClearsTheAccountAndAQuietQuarterHourForgets() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("alice", "10.0.0.2");
        }
        throttle.succeeded("alice", "10.0.0.2");
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("alice", "10.0.0.2"));
        for (int i = 0; i < 5; i++) {
            throttle.failed("bob", "10.0.0.3");
        }
        now = now.plus(Duration.ofMinutes(16));
        assertEquals(Duration.ZERO, throttle.failed("bob", "10.0.0.3"), "old failures were forgotten");
    }
}
