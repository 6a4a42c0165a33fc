package io.stratus.dispatcher.server;

import io.stratus.dispatcher.web.DispatchException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a schedule is due: an ISO-8601 instant ({@code 2026-12-24T18:00:00Z}), or null to cancel.
 */
public record ScheduleRequest(String at) {

  /** The instant, or null; 400 for anything that is not an ISO-8601 instant. */
  Instant instant() {
    if (at == null) {
      return null;
    }
    try {
      return Instant.parse(at.strip());
    } catch (DateTimeParseException e) {
      throw DispatchException.badRequest(
          "at must be an ISO-8601 instant such as 2026-12-24T18:00:00Z, or null to cancel");
    }
  }
}
