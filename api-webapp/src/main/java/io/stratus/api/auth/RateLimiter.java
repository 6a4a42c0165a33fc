package io.stratus.api.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code burst} requests at once, refilled at {@code perSecond}. Kept
 * in this instance's memory, so behind a load balancer each instance allows its own share.
 */
public final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  public RateLimiter(int perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /**
   * Takes one request's token for the key.
   *
   * @return 0 when the request may go on, else the seconds to wait before the next one may
   */
  public long acquire(long keyId, long nowNanos) {
    Bucket bucket = buckets.computeIfAbsent(keyId, k -> new Bucket(burst, nowNanos));
    synchronized (bucket) {
      double elapsed = Math.max(0, nowNanos - bucket.updatedNanos) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
      bucket.updatedNanos = nowNanos;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
    }
  }
}
