package io.stratus.common.task;

/** A failure that another attempt may not meet: the task is retried with backoff. */
public class RecoverableTaskException extends Exception {
  private static final long serialVersionUID = 1L;

  public RecoverableTaskException(String message, Throwable cause) {
    super(message, cause);
  }

  public RecoverableTaskException(String message) {
    super(message);
  }
}
