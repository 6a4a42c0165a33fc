package io.stratus.api.web;

/**
 * A refusal with its HTTP status and a message safe to show the caller (never a secret, never a
 * stack trace). Answered as {@code {"error":{"message":"..."}}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  /** No such resource for this customer: another customer's id looks the same as none. */
  public static ApiException notFound(String type, Object id) {
    return new ApiException(404, "no " + type + " " + id);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, message);
  }
}
