package io.stratus.common.task;

import java.time.Instant;

/**
 * Proof that one worker owns a task for one attempt. Completing, failing or retrying a task needs
 * the lease: a worker whose lease lapsed and was reclaimed can no longer change the task.
 */
public record Lease(Task task, String owner, int attempt, Instant expiresAt) {
  public long taskId() {
    return task.id();
  }
}
