package io.stratus.common.task;

import java.util.Objects;

/**
 * A task to enqueue. The idempotency key makes enqueueing safe to repeat: a second task with the
 * same key is not created, the first one's id is returned instead.
 *
 * @param kind what the task does, e.g. {@code server.launch}; the worker dispatches on it
 * @param payload the task's parameters, as JSON
 * @param idempotencyKey unique per intended unit of work
 * @param customerId the owning customer, or null for platform work
 * @param jobId the user-visible job this task belongs to, or null
 * @param maxAttempts how many attempts before the task fails for good (1..100)
 */
public record NewTask(
    String kind,
    String payload,
    String idempotencyKey,
    Long customerId,
    Long jobId,
    int maxAttempts) {

  public NewTask {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
      throw new IllegalArgumentException("idempotencyKey must be 1..128 characters");
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1..100, not " + maxAttempts);
    }
  }
}
