package org.iotplatform.operators;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds how many password hashes are computed at once. Each PBKDF2 check costs ~75 ms of a core by
 * design; unbounded, a burst of sign-in or Basic attempts took every core from the platform. Callers
 * beyond the bound wait a little, then are told the platform is busy.
 */
@ApplicationScoped
public class PasswordChecks {

    @Inject
    @ConfigProperty(name = "iot.security.max-concurrent-password-checks", defaultValue = "4")
    int maxConcurrent;

    /** How long a caller waits for a turn before it is told the platform is busy. */
    long waitMillis = 5_000;

    private Semaphore permits;

    @PostConstruct
    void init() {
        permits = new Semaphore(Math.max(1, maxConcurrent), true);
    }

    /** Runs one password check; throws {@link PasswordChecksBusyException} when none could start within 5 s. */
    public boolean check(BooleanSupplier check) {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new PasswordChecksBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordChecksBusyException();
        }
        try {
            return check.getAsBoolean();
        } finally {
            permits.release();
        }
    }
}
