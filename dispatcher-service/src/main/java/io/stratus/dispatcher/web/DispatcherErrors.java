package io.stratus.dispatcher.web;

import io.stratus.common.access.AccessRefused;
import io.stratus.web.ServiceErrors;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The Dispatcher's failures, on top of the shared ones: a refused action with the status its check
 * chose, and the acting user's missing right. A database outage is 503: nothing was written (the
 * job, its task and its audit line are one transaction).
 */
@RestControllerAdvice
public class DispatcherErrors extends ServiceErrors {
  public DispatcherErrors() {
    super("the Dispatcher");
  }

  @ExceptionHandler(DispatchException.class)
  ResponseEntity<byte[]> refused(DispatchException e, HttpServletRequest request) {
    return answer(request, e.status(), e.getMessage());
  }

  /** The acting user's rights do not grant the route's right ({@code Requires}). */
  @ExceptionHandler(AccessRefused.class)
  ResponseEntity<byte[]> notAllowed(AccessRefused e, HttpServletRequest request) {
    // Marked, so the console and the API pass it on as the user's 403, not as a broken set-up.
    HttpHeaders marked = new HttpHeaders();
    marked.set(DispatcherClient.RIGHTS_REFUSAL, "true");
    return answer(request, marked, 403, e.getMessage());
  }
}
