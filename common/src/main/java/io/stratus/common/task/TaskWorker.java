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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles task-job messages: claims the task's lease, runs the handler for its kind while renewing
 * the lease, and records the outcome. A message for a task that another worker owns, that is
 * finished or not yet due is simply acknowledged: the lease, not the message, decides who works.
 *
 * <p>A failure caused by an outage of the platform's own parts ({@link PlatformOutage}: database,
 * broker, Key Manager) puts the task back with backoff without counting the attempt; only what the
 * handler calls fatal, or recoverable failures outlasting the attempts, fail a task.
 */
public final class TaskWorker implements MessageHandler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskWorker.class);

  /**
   * How long an outcome is retried while the database is away before the lease is left to lapse.
   */
  static final Duration OUTCOME_RETRY_LIMIT = Duration.ofMinutes(2);

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
      if (record(task, () -> store.fail(lease, reason))) {
        tell(task, false, reason);
      }
      return true;
    }
    long period = Math.max(10, leaseTime.toMillis() / 3);
    ScheduledFuture<?> renewal =
        renewer.scheduleAtFixedRate(() -> renew(lease), period, period, TimeUnit.MILLISECONDS);
    Exception failure = null;
    try {
      handler.execute(task);
    } catch (Exception e) {
      failure = e;
    } finally {
      renewal.cancel(false);
    }
    // Recording the outcome is outside the handler's try: a database error here is not the
    // handler's failure. It is tried again while the database is away (see record); past that it
    // propagates, the lease lapses and the task runs again (handlers are safe to repeat).
    if (failure == null) {
      if (record(task, () -> store.succeed(lease))) {
        tell(task, true, null);
      } else {
        log.warn("Task {} finished but its lease had been lost; outcome not recorded", taskId);
      }
      return true;
    }
    String reason =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    if (PlatformOutage.causedBy(failure)) {
      boolean postponed = record(task, () -> store.postpone(lease, reason));
      log.info(
          "Task {} ({}) attempt {} met a platform outage: {}; {}",
          taskId,
          task.kind(),
          lease.attempt(),
          reason,
          postponed ? "waiting to try again, attempt not counted" : "owned by another worker");
    } else if (handler.isRecoverable(failure)) {
      Optional<TaskState> now = record(task, () -> store.retryLater(lease, reason));
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
      if (record(task, () -> store.fail(lease, reason))) {
        tell(task, false, reason);
      }
      log.warn("Task {} ({}) failed: {}", taskId, task.kind(), reason);
    }
    return true;
  }

  /**
   * Stores an outcome, trying again with backoff while the database is away, for up to {@link
   * #OUTCOME_RETRY_LIMIT}: an outcome is not lost to a restart of the database. A lease that lapsed
   * meanwhile still records, unless another worker has claimed the task since.
   */
  private <T> T record(Task task, Supplier<T> outcome) {
    long deadline = System.nanoTime() + OUTCOME_RETRY_LIMIT.toNanos();
    long pause = 100;
    while (true) {
      try {
        return outcome.get();
      } catch (RuntimeException e) {
        if (!PlatformOutage.causedBy(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
          throw e;
        }
        log.info(
            "Task {}: its outcome cannot be stored yet ({}); trying again in {} ms",
            task.id(),
            e.getClass().getSimpleName(),
            pause);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 2_000);
      }
    }
  }

  /** Renews the lease; a database away for a moment only skips this renewal, not the next. */
  private void renew(Lease lease) {
    try {
      store.renew(lease, leaseTime);
    } catch (RuntimeException e) {
      // An exception would cancel every later renewal of this task.
      log.debug("Task {}: lease not renewed this time: {}", lease.taskId(), e.toString());
    }
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
