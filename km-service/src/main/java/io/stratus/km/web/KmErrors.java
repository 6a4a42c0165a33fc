package io.stratus.km.web;

import io.stratus.km.key.InvalidKeyRequestException;
import io.stratus.km.key.KeyNotFoundException;
import io.stratus.web.RefusalListener;
import io.stratus.web.ServiceErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The Key Manager's failures, on top of the shared ones: an unknown key 404, a malformed one 400
 * (or 413 when a part is too large). Every error answered is an audit line; none quotes a key part.
 */
@RestControllerAdvice
public class KmErrors extends ServiceErrors {
  public KmErrors(RefusalListener audit) {
    super("the Key Manager", audit);
  }

  @ExceptionHandler(KeyNotFoundException.class)
  ResponseEntity<byte[]> notFound(KeyNotFoundException e, HttpServletRequest request) {
    return answer(request, 404, e.getMessage());
  }

  @ExceptionHandler(InvalidKeyRequestException.class)
  ResponseEntity<byte[]> invalid(InvalidKeyRequestException e, HttpServletRequest request) {
    return answer(request, e.tooLarge() ? 413 : 400, e.getMessage());
  }

  @Override
  protected String invalidValue(String name) {
    return "a key id is a positive number";
  }

  @Override
  protected String expectedBody() {
    return "a JSON object with version, publicPart and privatePart";
  }
}
