package io.stratus.web.dispatch;

/** The Dispatcher refused an action (its status and message), or could not be reached (503). */
public final class DispatcherRefused extends RuntimeException {
  private final int status;

  public DispatcherRefused(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
