package org.iotplatform.gateway.broker;

/** A token bucket: {@code ratePerSecond} tokens a second, holding at most {@code capacity}. */
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
      tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * ratePerNano);
      lastRefill = nowNanos;
      if (tokens >= 1) {
         tokens -= 1;
         return true;
      }
      return false;
   }
}
