package io.stratus.common.task;

/**
 * Does the work of one kind of task. Throwing a {@link RecoverableTaskException} (or anything
 * {@link #isRecoverable} accepts) puts the task back for a later attempt with backoff; anything
 * else fails the task with the exception's message as the reason.
 */
@FunctionalInterface
public interface TaskHandler {
  void execute(Task task) throws Exception;

  /** Whether a failure is worth another attempt (throttling, capacity, communication). */
  default boolean isRecoverable(Exception failure) {
    return failure instanceof RecoverableTaskException;
  }
}
