package io.stratus.agent.identity;

import java.time.Duration;

/** Delays that double from {@code first} up to {@code max}, and start over after a success. */
public final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  public Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The delay to wait now; the one after is twice as long, up to the maximum. */
  public Duration next() {
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return current;
  }

  public void reset() {
    next = first;
  }
}
