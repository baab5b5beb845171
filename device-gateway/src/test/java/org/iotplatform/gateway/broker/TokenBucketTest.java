package org.iotplatform.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void onCreditTheWaitGrowsWithTheDebtAndShrinksWithTime() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        assertEquals(0, bucket.takeOnCredit(0));
        assertEquals(0, bucket.takeOnCredit(0));
        assertEquals(SECOND / 10, bucket.takeOnCredit(0), "one message over: a tenth of a second");
        assertEquals(2 * SECOND / 10, bucket.takeOnCredit(0));
        assertEquals(SECOND / 10, bucket.waitNanos(SECOND / 10));
        assertEquals(0, bucket.waitNanos(2 * SECOND / 10));
    }

    @Test
    void aBucketInDebtRefusesUntilItIsEvenAgain() {
        TokenBucket bucket = new TokenBucket(10, 1, 0);
        bucket.takeOnCredit(0);
        bucket.takeOnCredit(0);
        assertFalse(bucket.tryTake(SECOND / 20));
        assertTrue(bucket.tryTake(2 * SECOND / 10));
    }
}
