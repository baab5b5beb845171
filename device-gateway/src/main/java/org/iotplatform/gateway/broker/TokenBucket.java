package org.iotplatform.gateway.broker;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most {@code capacity}. It can be
 * asked two ways: {@link #tryTake} refuses when empty; {@link #takeOnCredit} always takes and says how
 * long the sender should now wait for the bucket to be even again (traffic shaping).
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefill = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Takes a token even from an empty bucket; returns the nanoseconds until the debt is paid (0: none). */
    synchronized long takeOnCredit(long nowNanos) {
        refill(nowNanos);
        tokens -= 1;
        return debtNanos();
    }

    /** Nanoseconds until the bucket is out of debt, without taking anything. */
    synchronized long waitNanos(long nowNanos) {
        refill(nowNanos);
        return debtNanos();
    }

    private long debtNanos() {
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * ratePerNano);
        lastRefill = nowNanos;
    }
}
