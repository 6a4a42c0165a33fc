package io.stratus.cloud.local.daemon;

/** An error answer of the daemon's API: an HTTP status, a code a driver can map, a message. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(404, "NotFound", what + " " + id + " does not exist");
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "InvalidRequest", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "InvalidState", message);
  }
}
