package io.stratus.api.web;

import io.stratus.common.access.AccessRefused;
import io.stratus.common.identity.IdentityException;
import io.stratus.web.BodyTooLargeException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every failure as {@code {"error":{"message":"..."}}} with the right status: the caller's mistakes
 * are 4xx with a message, never a 500 with a stack trace. Only what is truly unexpected is a 500,
 * logged here with its cause and answered without it.
 */
@RestControllerAdvice
public class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> api(ApiException e) {
    return answer(e.status(), e.getMessage());
  }

  @ExceptionHandler(AccessRefused.class)
  ResponseEntity<Map<String, Object>> refused(AccessRefused e) {
    return answer(403, e.getMessage());
  }

  /** A refused identity write: a value it cannot use 400, another customer's id 404, taken 409. */
  @ExceptionHandler(IdentityException.class)
  ResponseEntity<Map<String, Object>> identity(IdentityException e) {
    int status =
        e instanceof IdentityException.Conflict
            ? 409
            : e instanceof IdentityException.NotFound ? 404 : 400;
    return answer(status, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof BodyTooLargeException) {
        return answer(413, cause.getMessage());
      }
      cause = cause.getCause();
    }
    return answer(400, "the request body is not valid JSON of the expected shape");
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Map<String, Object>> tooLarge(BodyTooLargeException e) {
    return answer(413, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
    return answer(400, e.getName() + " has an invalid value");
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<Map<String, Object>> database(DataAccessException e) {
    log.warn("Database unavailable: {}", e.getMessage());
    return answer(503, "the database is unavailable; try again");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    if (e instanceof ErrorResponse error) {
      // Spring's own refusals: unknown path, wrong method, missing parameter, media types.
      int status = error.getStatusCode().value();
      if (status < 500) {
        String detail = error.getBody().getDetail();
        return answer(
            status, status == 404 ? "no such path" : detail == null ? "request refused" : detail);
      }
    }
    log.error("Unexpected failure", e);
    return answer(500, "internal error");
  }

  private static ResponseEntity<Map<String, Object>> answer(int status, String message) {
    return ResponseEntity.status(status).body(ErrorBodies.of(message));
  }
}
