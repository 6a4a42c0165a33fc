package io.stratus.embedded;

/** An embedded service failed to start or stop. */
public class EmbeddedServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmbeddedServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
