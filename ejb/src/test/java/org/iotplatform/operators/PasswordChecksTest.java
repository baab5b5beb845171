package org.iotplatform.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordChecksTest {

    @Test
    void noMoreChecksRunAtOnceThanAllowedAndOneBeyondIsToldTheServiceIsBusy() throws Exception {
        PasswordChecks checks = new PasswordChecks();
        checks.maxConcurrent = 2;
        checks.waitMillis = 200;
        checks.init();
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable slowCheck = () -> checks.check(() -> {
            most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            running.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            } finally {
                atOnce.decrementAndGet();
            }
        });
        CompletableFuture<Void> first = CompletableFuture.runAsync(slowCheck);
        CompletableFuture<Void> second = CompletableFuture.runAsync(slowCheck);
        assertTrue(running.await(5, TimeUnit.SECONDS), "two checks run side by side");
        assertThrows(
                PasswordChecksBusyException.class, () -> checks.check(() -> true), "a third waits, then is refused");
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertEquals(2, most.get());
        assertTrue(checks.check(() -> true), "free again once they finished");
    }
}
