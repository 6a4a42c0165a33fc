package io.stratus.common.km;

/**
 * The Key Manager refused a request or could not be reached. The message names the key id and the
 * KM's answer, never the parts.
 */
public class KmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public KmException(int status, String message) {
    super(message);
    this.status = status;
  }

  public KmException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The KM's HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
