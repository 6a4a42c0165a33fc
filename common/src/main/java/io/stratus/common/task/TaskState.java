package io.stratus.common.task;

/**
 * Where a task stands. Transitions: {@code QUEUED → RUNNING} (claimed); {@code RUNNING → SUCCEEDED
 * | FAILED | RETRY_WAIT}; {@code RETRY_WAIT → RUNNING} once its next attempt is due; {@code RUNNING
 * → RUNNING} when a lapsed lease is reclaimed by another worker.
 */
public enum TaskState {
  QUEUED("queued"),
  RUNNING("running"),
  RETRY_WAIT("retry_wait"),
  SUCCEEDED("succeeded"),
  FAILED("failed");

  private final String column;

  TaskState(String column) {
    this.column = column;
  }

  /** The value stored in {@code task.state}. */
  public String column() {
    return column;
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }

  public static TaskState fromColumn(String value) {
    for (TaskState state : values()) {
      if (state.column.equals(value)) {
        return state;
      }
    }
    throw new IllegalArgumentException("unknown task state '" + value + "'");
  }
}
