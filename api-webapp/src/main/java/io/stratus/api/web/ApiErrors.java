package io.stratus.api.web;

import io.stratus.common.access.AccessRefused;
import io.stratus.common.identity.IdentityException;
import io.stratus.web.ServiceErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's failures, on top of the shared ones: a refusal with the status its controller chose, a
 * right the caller lacks, and a refused identity write. All in the enStratus shape, {@code
 * {"error":{"message":"..."}}}.
 */
@RestControllerAdvice
public class ApiErrors extends ServiceErrors {
  public ApiErrors() {
    super("the API");
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<byte[]> api(ApiException e, HttpServletRequest request) {
    return answer(request, e.status(), e.getMessage());
  }

  @ExceptionHandler(AccessRefused.class)
  ResponseEntity<byte[]> refused(AccessRefused e, HttpServletRequest request) {
    return answer(request, 403, e.getMessage());
  }

  /** A refused identity write: a value it cannot use 400, another customer's id 404, taken 409. */
  @ExceptionHandler(IdentityException.class)
  ResponseEntity<byte[]> identity(IdentityException e, HttpServletRequest request) {
    int status =
        e instanceof IdentityException.Conflict
            ? 409
            : e instanceof IdentityException.NotFound ? 404 : 400;
    return answer(request, status, e.getMessage());
  }
}
