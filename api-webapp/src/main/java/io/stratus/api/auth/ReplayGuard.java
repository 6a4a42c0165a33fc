package io.stratus.api.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers every accepted signature until its timestamp falls out of the allowed skew, so a
 * request sent twice is refused the second time. Kept in this instance's memory: a replay sent to
 * another API instance behind the same load balancer is not seen (see docs/api.md).
 */
public final class ReplayGuard {
  private static final int MAX_REMEMBERED = 2_000_000;
  private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
  private final long windowMillis;
  private final AtomicLong nextSweep = new AtomicLong();

  public ReplayGuard(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /**
   * @return true the first time a signature is offered within the window, false on a replay (or
   *     when so many requests arrive within the window that no more can be remembered)
   */
  public boolean firstSeen(String signature, long timestamp, long now) {
    sweep(now);
    if (seen.size() >= MAX_REMEMBERED) {
      return false;
    }
    long forgetAt = Math.max(timestamp, now) + windowMillis;
    return seen.putIfAbsent(signature, forgetAt) == null;
  }

  private void sweep(long now) {
    long due = nextSweep.get();
    if (now >= due && nextSweep.compareAndSet(due, now + 10_000)) {
      seen.values().removeIf(forgetAt -> forgetAt < now);
    }
  }
}
