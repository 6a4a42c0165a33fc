package io.stratus.common.daemon;

/**
 * A long-running Stratus process (publisher, subscriber, pinger): started once, stopped once.
 * {@link ComponentDaemon} runs it under jsvc or from a plain {@code main}.
 */
public interface Component extends AutoCloseable {
  /** Starts the component's threads; returns once it is running. */
  void start() throws Exception;

  /**
   * Stops taking new work, finishes or gives back what is in flight within the component's own
   * timeout, and releases every resource. Called once.
   */
  @Override
  void close() throws Exception;
}
