package io.stratus.worker.subscriber.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.common.task.RecoverableTaskException;
import io.stratus.common.task.Task;
import io.stratus.common.task.TaskHandler;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The base of every handler that acts in a cloud. Failures the cloud calls retryable (throttling,
 * capacity, communication) are retried with backoff; anything else fails the task and its job with
 * the cloud's message. A Key Manager, database or broker that cannot be reached is no failure of
 * the task: the task worker puts it back without counting the attempt ({@code PlatformOutage}).
 */
abstract class CloudTask implements TaskHandler {
  private static final Logger log = LoggerFactory.getLogger(CloudTask.class);

  protected final TaskContext context;
  protected final JdbcClient jdbc;

  CloudTask(TaskContext context) {
    this.context = context;
    this.jdbc = context.jdbc();
  }

  @Override
  public boolean isRecoverable(Exception failure) {
    return failure instanceof RecoverableTaskException
        || (failure instanceof CloudException cloud && cloud.isRetryable());
  }

  static JsonNode payload(Task task) {
    try {
      return MessageCodec.mapper().readTree(task.payload());
    } catch (IOException e) {
      throw new IllegalArgumentException("task " + task.id() + " has a payload that is not JSON");
    }
  }

  static long resourceId(Task task) {
    return payload(task).path("resourceId").asLong();
  }

  /** The row, which the Dispatcher wrote before the task; its absence is a bug, not a retry. */
  Map<String, Object> row(String table, long id) {
    return jdbc
        .sql("SELECT * FROM " + table + " WHERE id = ?")
        .param(id)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + table + " " + id));
  }

  static long id(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }

  void progress(Task task, int percent, String message) {
    if (task.jobId() != null) {
      context.jobs().progress(task.jobId(), percent, message);
    }
  }

  /** Publishes a resource's new state; an event lost to a broker outage is only logged. */
  void event(String resource, Task task, long id, String state) {
    try {
      context
          .events()
          .publish(
              resource,
              task.customerId() == null ? 0 : task.customerId(),
              id,
              state,
              MessageCodec.mapper()
                  .createObjectNode()
                  .put(resource + "Id", id)
                  .put("state", state));
    } catch (RuntimeException e) {
      log.warn("Event {}.{}.{} not published: {}", resource, id, state, e.toString());
    }
  }

  /** How many times one cloud call is tried before its retryable failure fails the attempt. */
  static final int CALL_TRIES = 4;

  /**
   * Runs one cloud call, trying it again after a short pause when the cloud answers with a
   * retryable error (throttling, capacity, communication). Only for calls that are safe to repeat:
   * reads, and actions the cloud makes idempotent (a launch with its client token).
   */
  static <T> T call(java.util.function.Supplier<T> cloudCall) throws RecoverableTaskException {
    for (int attempt = 1; ; attempt++) {
      try {
        return cloudCall.get();
      } catch (CloudException e) {
        if (!e.isRetryable() || attempt == CALL_TRIES) {
          throw e;
        }
        pause(100L * attempt * attempt);
      }
    }
  }

  /** {@link #call} for a call without a result. */
  static void run(Runnable cloudCall) throws RecoverableTaskException {
    call(
        () -> {
          cloudCall.run();
          return null;
        });
  }

  /** The cloud lacks a service the action needs (the Dispatcher checks first; a changed cloud). */
  static CloudException missing(String what) {
    return new CloudException(CloudErrorType.INVALID_REQUEST, "this cloud has no " + what);
  }

  /** The cloud no longer knows a resource the row names. */
  static CloudException gone(String what, long id) {
    return new CloudException(
        CloudErrorType.NOT_FOUND, "the cloud no longer knows " + what + " " + id);
  }

  static void pause(long millis) throws RecoverableTaskException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RecoverableTaskException("interrupted while waiting for the cloud");
    }
  }
}
