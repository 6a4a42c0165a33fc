package io.stratus.worker.subscriber.agent;

/**
 * A call to an agent that did not get an answer ({@link #reached()} false: refused, unreachable,
 * the wrong certificate) or got an error status. The message never holds what was sent.
 */
public final class AgentCallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean reached;

  AgentCallException(String message, int status, boolean reached, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.reached = reached;
  }

  /** The agent's HTTP status, or 0 when it gave none. */
  public int status() {
    return status;
  }

  /**
   * Whether the request may have reached the agent: false only when the connection was never made
   * (refused, no route, the agent's certificate refused), so repeating it cannot do anything twice.
   */
  public boolean reached() {
    return reached;
  }
}
