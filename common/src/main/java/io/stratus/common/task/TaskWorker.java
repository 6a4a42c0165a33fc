package io.stratus.common.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.common.messaging.MalformedMessageException;
import io.stratus.common.messaging.MessageEnvelope;
import io.stratus.common.messaging.MessageHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles task-job messages: claims the task's lease, runs the handler for its kind while renewing
 * the lease, and records the outcome. A message for a task that another worker owns, that is
 * finished or not yet due is simply acknowledged: the lease, not the message, decides who works.
 */
public final class TaskWorker implements MessageHandler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskWorker.class);

  private final TaskStore store;
  private final String owner;
  private final Duration leaseTime;
  private final Map<String, TaskHandler> handlers;
  private final ScheduledExecutorService renewer;
  private final TaskOutcomeListener outcomes;

  /**
   * @param owner identifies this worker in lease columns, e.g. {@code host:pid:subscriber}
   * @param leaseTime how long a claim lasts without renewal; renewed every third of it
   * @param handlers by task kind
   */
  public TaskWorker(
      TaskStore store, String owner, Duration leaseTime, Map<String, TaskHandler> handlers) {
    this(store, owner, leaseTime, handlers, TaskOutcomeListener.NONE);
  }

  /**
   * @param outcomes told of every task that ends for good, after it is stored
   */
  public TaskWorker(
      TaskStore store,
      String owner,
      Duration leaseTime,
      Map<String, TaskHandler> handlers,
      TaskOutcomeListener outcomes) {
    this.outcomes = outcomes;
    this.store = store;
    this.owner = owner;
    this.leaseTime = leaseTime;
    this.handlers = Map.copyOf(handlers);
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "task-lease-renewer");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void handle(MessageEnvelope message) {
    if (!"task".equals(message.type()) || message.version() != 1) {
      throw new MalformedMessageException(
          "expected a task message version 1, got " + message.type() + " v" + message.version());
    }
    JsonNode id = message.payload().get("taskId");
    if (id == null || !id.canConvertToLong()) {
      throw new MalformedMessageException("task message without a numeric taskId");
    }
    run(id.asLong());
  }

  /** Claims and runs one task; returns false if it was not claimable. */
  public boolean run(long taskId) {
    Optional<Lease> claimed = store.claim(taskId, owner, leaseTime);
    if (claimed.isEmpty()) {
      log.debug("Task {} not claimable by {}; skipping", taskId, owner);
      return false;
    }
    Lease lease = claimed.get();
    Task task = lease.task();
    TaskHandler handler = handlers.get(task.kind());
    if (handler == null) {
      String reason = "no handler for task kind '" + task.kind() + "'";
      if (store.fail(lease, reason)) {
        tell(task, false, reason);
      }
      return true;
    }
    long period = Math.max(10, leaseTime.toMillis() / 3);
    ScheduledFuture<?> renewal =
        renewer.scheduleAtFixedRate(
            () -> store.renew(lease, leaseTime), period, period, TimeUnit.MILLISECONDS);
    Exception failure = null;
    try {
      handler.execute(task);
    } catch (Exception e) {
      failure = e;
    } finally {
      renewal.cancel(false);
    }
    // Recording the outcome is outside the handler's try: a database error here is not the
    // handler's failure. It propagates; the lease lapses and the task runs again (handlers are
    // safe to repeat).
    if (failure == null) {
      if (store.succeed(lease)) {
        tell(task, true, null);
      } else {
        log.warn("Task {} finished but its lease had been lost; outcome not recorded", taskId);
      }
      return true;
    }
    String reason =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    if (handler.isRecoverable(failure)) {
      Optional<TaskState> now = store.retryLater(lease, reason);
      log.info(
          "Task {} ({}) attempt {} failed: {}; now {}",
          taskId,
          task.kind(),
          lease.attempt(),
          reason,
          now.map(Enum::name).orElse("owned by another worker"));
      if (now.equals(Optional.of(TaskState.FAILED))) {
        tell(task, false, reason);
      }
    } else {
      if (store.fail(lease, reason)) {
        tell(task, false, reason);
      }
      log.warn("Task {} ({}) failed: {}", taskId, task.kind(), reason);
    }
    return true;
  }

  private void tell(Task task, boolean succeeded, String reason) {
    try {
      outcomes.finished(task, succeeded, reason);
    } catch (RuntimeException e) {
      log.warn("Task {}: telling of its outcome failed: {}", task.id(), e.toString());
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
