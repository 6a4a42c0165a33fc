package io.stratus.common.km;

/**
 * The Key Manager could not be reached, timed out, or answered 503 (its database is down). The
 * request had no effect that a retry would duplicate, except a create whose answer was lost; a task
 * that stores a key should be written to tolerate that (an unused key id is harmless).
 */
public class KmUnavailableException extends KmException {
  private static final long serialVersionUID = 1L;

  public KmUnavailableException(int status, String message, Throwable cause) {
    super(status, message, cause);
  }
}
