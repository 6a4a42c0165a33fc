package io.stratus.common.task;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the delay before attempt {@code n + 1} is {@code initialDelay ×
 * 2^(n-1)}, capped at {@code maxDelay}, then spread by ± {@code jitter} (a share, 0..1) so that
 * tasks failing together do not retry together.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, double jitter) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2);

  public RetryPolicy {
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive");
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be at least initialDelay");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
  }

  /** The delay without jitter after {@code failedAttempts} failures (at least 1). */
  public Duration baseDelay(int failedAttempts) {
    int exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
    long millis = initialDelay.toMillis() << exponent;
    if (millis <= 0 || millis > maxDelay.toMillis()) {
      millis = maxDelay.toMillis();
    }
    return Duration.ofMillis(millis);
  }

  /** The delay to wait, jitter included, after {@code failedAttempts} failures. */
  public Duration delay(int failedAttempts) {
    long base = baseDelay(failedAttempts).toMillis();
    double spread = jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base * (1 + spread))));
  }
}
