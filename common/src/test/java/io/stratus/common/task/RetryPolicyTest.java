package io.stratus.common.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 0.2);

  @Test
  void shouldDoubleTheDelayAfterEachFailureUpToTheCap() {
    assertEquals(Duration.ofMillis(100), policy.baseDelay(1));
    assertEquals(Duration.ofMillis(200), policy.baseDelay(2));
    assertEquals(Duration.ofMillis(800), policy.baseDelay(4));
    assertEquals(Duration.ofSeconds(10), policy.baseDelay(20));
    assertEquals(Duration.ofSeconds(10), policy.baseDelay(1000));
  }

  @Test
  void shouldKeepJitterWithinItsShare() {
    for (int i = 0; i < 1000; i++) {
      long millis = policy.delay(3).toMillis();
      assertTrue(millis >= 320 && millis <= 480, "delay " + millis);
    }
  }

  @Test
  void shouldSpreadRetriesThatFailTogether() {
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToLong(i -> policy.delay(5).toMillis())
            .distinct()
            .count();
    assertTrue(distinct > 10, "only " + distinct + " distinct delays");
  }
}
