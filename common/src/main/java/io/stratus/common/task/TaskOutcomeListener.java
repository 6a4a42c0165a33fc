package io.stratus.common.task;

/**
 * Told when a task (and with it its job) has ended for good, after the outcome is stored: the
 * subscriber publishes the job's event from here. Never told about a retry.
 */
@FunctionalInterface
public interface TaskOutcomeListener {
  TaskOutcomeListener NONE = (task, succeeded, reason) -> {};

  /**
   * @param reason why it failed, or null when it succeeded
   */
  void finished(Task task, boolean succeeded, String reason);
}
