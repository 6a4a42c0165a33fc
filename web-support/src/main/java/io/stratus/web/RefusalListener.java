package io.stratus.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;

/**
 * Told of every request a shared filter refuses, before the answer is written: the KM writes it to
 * its audit table, the Dispatcher and the API to their logs.
 */
@FunctionalInterface
public interface RefusalListener {
  void refused(HttpServletRequest request, int status, String why);

  /** A warning in {@code log}: method, path, calling component, address, status and why. */
  static RefusalListener logTo(Logger log) {
    return (request, status, why) ->
        log.warn(
            "Refused {} {} from {} ({}): {} {}",
            request.getMethod(),
            request.getRequestURI(),
            Caller.of(request).component(),
            request.getRemoteAddr(),
            status,
            why);
  }
}
