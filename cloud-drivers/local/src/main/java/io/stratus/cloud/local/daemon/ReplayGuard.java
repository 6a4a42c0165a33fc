package io.stratus.cloud.local.daemon;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the signatures of the requests accepted within the signing window, so that a signed
 * request captured on the way can not be sent again: its second use is refused. A signature is
 * forgotten once its request's timestamp can no longer pass the window, which bounds the memory to
 * a bounded number of windows' worth of requests. In memory, since the daemon is one process; a
 * restart forgets them, so a request captured just before a restart could be replayed once after
 * it, within its five minutes.
 */
final class ReplayGuard {
  private record Seen(String signature, long forgetAt) {}

  private final long windowMillis;
  private final Set<String> signatures = new HashSet<>();
  private final ArrayDeque<Seen> byExpiry = new ArrayDeque<>();

  ReplayGuard(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /**
   * True the first time {@code signature} is presented, false after. {@code timestamp} is the
   * request's own (already checked to be within the window of {@code now}).
   */
  synchronized boolean firstUse(String signature, long timestamp, long now) {
    while (!byExpiry.isEmpty() && byExpiry.peekFirst().forgetAt() < now) {
      signatures.remove(byExpiry.pollFirst().signature());
    }
    if (!signatures.add(signature)) {
      return false;
    }
    // Kept until its timestamp can no longer pass the window. The queue is in arrival order and
    // forgotten from its front, so an entry may outstay its time a little, never leave early; none
    // stays beyond its arrival plus two windows.
    byExpiry.addLast(new Seen(signature, Math.max(timestamp, now) + windowMillis));
    return true;
  }
}
