package io.stratus.api.infrastructure;

import io.stratus.api.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * enStratus' {@code terminateAfter=N} and {@code pauseAfter=N}: N milliseconds from now, at least a
 * second and at most 3660 days (the Dispatcher's longest schedule).
 */
final class ScheduleAfter {
  static final Duration SHORTEST = Duration.ofSeconds(1);
  static final Duration LONGEST = Duration.ofDays(3660);

  private ScheduleAfter() {}

  /**
   * The instant N milliseconds from now.
   *
   * @param param the parameter's name, for the message
   * @throws ApiException 400 naming the parameter when N is not a whole number in range
   */
  static Instant at(String param, String millis, Clock clock) {
    long n;
    try {
      n = Long.parseLong(millis.strip());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < SHORTEST.toMillis() || n > LONGEST.toMillis()) {
      throw ApiException.badRequest(
          param
              + ": milliseconds from now, a whole number from "
              + SHORTEST.toMillis()
              + " to "
              + LONGEST.toMillis()
              + " ("
              + LONGEST.toDays()
              + " days)");
    }
    return clock.instant().plusMillis(n);
  }
}
