package io.stratus.km.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.stratus.km.audit.AccessLog;
import io.stratus.km.audit.Outcome;
import io.stratus.km.key.InvalidKeyRequestException;
import io.stratus.km.key.KeyNotFoundException;
import io.stratus.web.BodyTooLargeException;
import io.stratus.web.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure becomes a JSON {@code {"error": "..."}} with the right status and an audit line;
 * never a stack trace, never a part of a key.
 */
@RestControllerAdvice
public class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  private final AccessLog accessLog;

  public ApiErrors(AccessLog accessLog) {
    this.accessLog = accessLog;
  }

  @ExceptionHandler(KeyNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(KeyNotFoundException e, HttpServletRequest request) {
    return answer(request, HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(InvalidKeyRequestException.class)
  ResponseEntity<Map<String, String>> invalid(
      InvalidKeyRequestException e, HttpServletRequest request) {
    return answer(
        request,
        e.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST,
        e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return answer(request, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
      }
    }
    return answer(request, HttpStatus.BAD_REQUEST, describe(e.getCause()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, String>> badId(HttpServletRequest request) {
    return answer(request, HttpStatus.BAD_REQUEST, "a key id is a positive number");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, String>> notJson(HttpServletRequest request) {
    return answer(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, String>> notAcceptable(HttpServletRequest request) {
    return answer(request, HttpStatus.NOT_ACCEPTABLE, "the KM answers application/json only");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, String>> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(
        request,
        HttpStatus.METHOD_NOT_ALLOWED,
        request.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods());
  }

  @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
  ResponseEntity<Map<String, String>> noSuchPath(HttpServletRequest request) {
    return answer(request, HttpStatus.NOT_FOUND, "no such resource; keys are under /keys");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, String>> failure(Exception e, HttpServletRequest request) {
    if (DatabaseOutage.is(e)) {
      log.warn("KM database unavailable: {}", e.getClass().getSimpleName());
      return answer(
          request,
          HttpStatus.SERVICE_UNAVAILABLE,
          "the Key Manager's database is unavailable; nothing was changed, try again");
    }
    log.error("KM request {} {} failed", request.getMethod(), request.getRequestURI(), e);
    return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the KM's log");
  }

  private ResponseEntity<Map<String, String>> answer(
      HttpServletRequest request, HttpStatus status, String message) {
    accessLog.recordRefusal(request, Outcome.ofStatus(status.value()));
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      builder.header(HttpHeaders.RETRY_AFTER, "5");
    }
    return builder.body(Map.of("error", message));
  }

  /** Says what is wrong with the JSON without quoting it: it holds key parts. */
  private static String describe(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String name = String.valueOf(unknown.getPropertyName());
      return "unknown field '"
          + (name.length() > 64 ? name.substring(0, 64) + "..." : name)
          + "'; a key has only version, publicPart and privatePart";
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
              .collect(Collectors.joining("."));
      return "field '" + field + "' must be a string";
    }
    if (cause instanceof JsonProcessingException) {
      return "the body is not a JSON object with version, publicPart and privatePart";
    }
    return "the body is missing or unreadable";
  }
}
