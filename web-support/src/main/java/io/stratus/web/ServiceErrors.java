package io.stratus.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What every JSON service answers when a request fails, as an {@link ErrorBody} with the status
 * that says why: the caller's mistakes (malformed JSON, a wrong media type, a missing or malformed
 * parameter, an unknown path, a wrong method, a body too large) are 4xx with a message that never
 * quotes the body's values (they may hold credentials or key parts); a database that cannot be
 * reached is 503 with {@code Retry-After}; anything else is 500 "internal error", logged here with
 * its stack trace and answered without it.
 *
 * <p>A service subclasses it once, as a {@code @RestControllerAdvice}, adding a handler per
 * exception type of its own and answering through {@link #answer}.
 */
public abstract class ServiceErrors {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String service;
  private final RefusalListener refusals;

  /**
   * @param service how messages name the service, e.g. "the Key Manager"
   * @param refusals told of every error answered (the KM audits each one)
   */
  protected ServiceErrors(String service, RefusalListener refusals) {
    this.service = service;
    this.refusals = refusals;
  }

  protected ServiceErrors(String service) {
    this(service, (request, status, why) -> {});
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<byte[]> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return answer(request, 413, tooLarge.getMessage());
      }
    }
    return answer(request, 400, describe(e.getCause()));
  }

  @ExceptionHandler(BodyTooLargeException.class)
  public ResponseEntity<byte[]> tooLarge(BodyTooLargeException e, HttpServletRequest request) {
    return answer(request, 413, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<byte[]> mismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return answer(request, 400, invalidValue(e.getName()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  public ResponseEntity<byte[]> notJson(HttpServletRequest request) {
    return answer(request, 415, "the body must be application/json");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  public ResponseEntity<byte[]> notAcceptable(HttpServletRequest request) {
    return answer(request, 406, service + " answers application/json only");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<byte[]> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    Collection<?> allowed = e.getSupportedHttpMethods();
    HttpHeaders headers = new HttpHeaders();
    if (allowed != null) {
      headers.setAllow(e.getSupportedHttpMethods());
    }
    return answer(
        request,
        headers,
        405,
        request.getMethod()
            + " is not allowed here"
            + (allowed == null ? "" : "; allowed: " + allowed));
  }

  @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
  public ResponseEntity<byte[]> noSuchPath(HttpServletRequest request) {
    return answer(request, 404, "no such endpoint");
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<byte[]> failure(Exception e, HttpServletRequest request) {
    if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
      // Spring's other refusals of the request itself: a missing parameter, header or part.
      String detail = refusal.getBody().getDetail();
      return answer(
          request, refusal.getStatusCode().value(), detail == null ? "request refused" : detail);
    }
    if (DatabaseOutage.is(e)) {
      log.warn("{}'s database is unavailable: {}", service, e.getClass().getSimpleName());
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, "5");
      return answer(
          request,
          headers,
          503,
          service + "'s database is unavailable; nothing was changed, try again");
    }
    log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    return answer(request, 500, "internal error");
  }

  /** The message for a path or query value of the wrong type; a service may say more. */
  protected String invalidValue(String name) {
    return "'" + name + "' has an invalid value";
  }

  /** What the body should have been, for "the body is not ...": e.g. "a JSON object with ...". */
  protected String expectedBody() {
    return "valid JSON";
  }

  /** Answers {@code status} with {@code message} as an {@link ErrorBody}. */
  protected final ResponseEntity<byte[]> answer(
      HttpServletRequest request, int status, String message) {
    return answer(request, new HttpHeaders(), status, message);
  }

  /** As {@link #answer(HttpServletRequest, int, String)}, with headers of the service's own. */
  protected final ResponseEntity<byte[]> answer(
      HttpServletRequest request, HttpHeaders headers, int status, String message) {
    refusals.refused(request, status, message);
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorBody.bytes(message));
  }

  /** Says what is wrong with the JSON without quoting its values. */
  private String describe(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String name = String.valueOf(unknown.getPropertyName());
      return "unknown field '" + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "'";
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
              .collect(Collectors.joining("."));
      return "field '" + field + "' " + expected(mismatch.getTargetType());
    }
    if (cause instanceof JsonProcessingException) {
      return "the body is not " + expectedBody();
    }
    return "the body is missing or unreadable";
  }

  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "must be a string";
    }
    if (type != null
        && (Number.class.isAssignableFrom(type)
            || type == int.class
            || type == long.class
            || type == double.class)) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    return "has the wrong type";
  }
}
