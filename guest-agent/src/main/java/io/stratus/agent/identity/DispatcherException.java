package io.stratus.agent.identity;

import java.io.IOException;

/**
 * The Dispatcher answered an enrolment or renewal with an error: {@code status} is its HTTP status
 * and the message the one in its {@code {"error":{"message":...}}}.
 */
public final class DispatcherException extends IOException {
  private final int status;

  public DispatcherException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /**
   * Whether the Dispatcher refused the request itself (a bad, used or expired token; a refused
   * certificate): 4xx other than 408 and 429. Trying again soon would give the same answer.
   */
  public boolean isRefusal() {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }
}
