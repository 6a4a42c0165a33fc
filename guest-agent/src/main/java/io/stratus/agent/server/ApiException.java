package io.stratus.agent.server;

/** A request answered with an error status and {@code {"error":{"message":...}}}. */
final class ApiException extends Exception {
  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
