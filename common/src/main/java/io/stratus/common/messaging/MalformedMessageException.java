package io.stratus.common.messaging;

/** A message that cannot be decoded; it is rejected, never redelivered forever. */
public class MalformedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }

  public MalformedMessageException(String message) {
    super(message);
  }
}
