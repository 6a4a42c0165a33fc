package io.stratus.dispatcher.web;

/**
 * A refusal with the HTTP status that says why: 400 a malformed or invalid request, 403 not
 * allowed, 404 no such resource (or another customer's), 409 the resource's state forbids it, 422
 * the cloud cannot do it. The message is for the user and never holds a secret.
 */
public class DispatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public DispatchException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static DispatchException badRequest(String message) {
    return new DispatchException(400, message);
  }

  public static DispatchException forbidden(String message) {
    return new DispatchException(403, message);
  }

  public static DispatchException notFound(String what, long id) {
    return new DispatchException(404, "no " + what + " " + id);
  }

  public static DispatchException conflict(String message) {
    return new DispatchException(409, message);
  }

  public static DispatchException unsupported(String message) {
    return new DispatchException(422, message);
  }
}
