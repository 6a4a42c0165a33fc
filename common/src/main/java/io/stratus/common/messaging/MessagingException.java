package io.stratus.common.messaging;

/** The broker could not be reached or refused an operation. */
public class MessagingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MessagingException(String message, Throwable cause) {
    super(message, cause);
  }
}
