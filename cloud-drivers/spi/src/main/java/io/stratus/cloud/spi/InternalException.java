package io.stratus.cloud.spi;

/** A failure on our side of the driver (bad configuration, a local I/O error, a bug). */
public class InternalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InternalException(String message, Throwable cause) {
    super(message, cause);
  }

  public InternalException(String message) {
    super(message);
  }
}
