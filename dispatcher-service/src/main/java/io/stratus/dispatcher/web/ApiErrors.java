package io.stratus.dispatcher.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.stratus.common.access.AccessRefused;
import io.stratus.web.BodyTooLargeException;
import io.stratus.web.DatabaseOutage;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure becomes {@code {"error": "..."}} with the status that says why; never a stack
 * trace. A database outage is 503 (nothing was written: the job, its task and its audit line are
 * one transaction).
 */
@RestControllerAdvice
public class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(DispatchException.class)
  ResponseEntity<Map<String, String>> refused(DispatchException e) {
    return answer(e.status(), e.getMessage());
  }

  /** The acting user's rights do not grant the route's right ({@code Requires}). */
  @ExceptionHandler(AccessRefused.class)
  ResponseEntity<Map<String, String>> notAllowed(AccessRefused e) {
    // Marked, so the console and the API pass it on as the user's 403, not as a broken set-up.
    return ResponseEntity.status(403)
        .header(DispatcherClient.RIGHTS_REFUSAL, "true")
        .body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return answer(413, tooLarge.getMessage());
      }
    }
    return answer(400, describe(e.getCause()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, String>> badPathValue(MethodArgumentTypeMismatchException e) {
    return answer(400, "'" + e.getName() + "' must be a number");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, String>> notJson() {
    return answer(415, "the body must be application/json");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, String>> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(
        405, request.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods());
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<Map<String, String>> noSuchPath(HttpServletRequest request) {
    return answer(404, "no such endpoint: " + request.getRequestURI());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, String>> failure(Exception e, HttpServletRequest request) {
    if (DatabaseOutage.is(e)) {
      log.warn("Dispatcher database unavailable: {}", e.getClass().getSimpleName());
      return answer(503, "the Dispatcher's database is unavailable; nothing was done, try again");
    }
    log.error("Dispatcher request {} {} failed", request.getMethod(), request.getRequestURI(), e);
    return answer(500, "internal error; see the Dispatcher's log");
  }

  private static ResponseEntity<Map<String, String>> answer(int status, String message) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
    if (status == 503) {
      builder.header(HttpHeaders.RETRY_AFTER, "5");
    }
    return builder.body(Map.of("error", message));
  }

  /** Says what is wrong with the JSON without quoting values: they may hold credentials. */
  private static String describe(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String name = String.valueOf(unknown.getPropertyName());
      return "unknown field '" + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "'";
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
              .collect(Collectors.joining("."));
      return "field '" + field + "' has the wrong type";
    }
    if (cause instanceof JsonProcessingException) {
      return "the body is not valid JSON";
    }
    return "the body is missing or unreadable";
  }
}
