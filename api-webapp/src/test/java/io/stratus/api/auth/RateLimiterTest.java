package io.stratus.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void shouldAllowTheBurstThenAskTheCallerToWait() {
    RateLimiter limiter = new RateLimiter(2, 5);
    long now = 1_000_000_000L;
    for (int i = 0; i < 5; i++) {
      assertEquals(0, limiter.acquire(1, now));
    }
    assertTrue(limiter.acquire(1, now) >= 1, "the sixth at once waits");
    assertEquals(0, limiter.acquire(2, now), "another key has its own bucket");
    assertEquals(0, limiter.acquire(1, now + 600_000_000L), "refilled at 2 a second");
  }
}
