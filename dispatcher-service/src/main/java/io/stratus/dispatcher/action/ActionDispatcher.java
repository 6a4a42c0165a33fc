package io.stratus.dispatcher.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.common.job.Action;
import io.stratus.common.job.JobStore;
import io.stratus.common.messaging.ConfirmingPublisher;
import io.stratus.common.task.NewTask;
import io.stratus.common.task.TaskStore;
import io.stratus.dispatcher.access.Actor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a checked action into a job: in one transaction it writes whatever row the action creates,
 * the job, its task and the audit event; after the commit it publishes the task's message. If the
 * publish fails (the broker is away), nothing is lost: the task is in MySQL and the publisher's
 * sweep sends it.
 */
public final class ActionDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ActionDispatcher.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Attempts before a task fails for good (recoverable cloud errors are retried with backoff). */
  static final int MAX_ATTEMPTS = 8;

  /** What the action's transaction wrote. */
  private record Written(long resourceId, long jobId, long taskId) {}

  private final TransactionTemplate transactions;
  private final JobStore jobs;
  private final TaskStore tasks;
  private final AuditLog audit;
  private final ConfirmingPublisher publisher;
  private final PublishedMarker marker;

  public ActionDispatcher(
      TransactionTemplate transactions,
      JobStore jobs,
      TaskStore tasks,
      AuditLog audit,
      ConfirmingPublisher publisher,
      PublishedMarker marker) {
    this.transactions = transactions;
    this.jobs = jobs;
    this.tasks = tasks;
    this.audit = audit;
    this.publisher = publisher;
    this.marker = marker;
  }

  /** A fresh task payload, to which the action adds its parameters. */
  public static ObjectNode payload() {
    return JSON.createObjectNode();
  }

  /** Dispatches an action on an existing resource. */
  public JobTicket dispatch(Actor actor, Action action, long resourceId, ObjectNode parameters) {
    return dispatch(actor, action, () -> resourceId, parameters);
  }

  /**
   * Dispatches an action; {@code resource} runs first in the transaction and returns the id of the
   * resource (inserting its row when the action creates one). It may add to {@code parameters}:
   * they are copied into the task after it has run.
   */
  public JobTicket dispatch(
      Actor actor, Action action, LongSupplier resource, ObjectNode parameters) {
    Written written =
        transactions.execute(
            status -> {
              long resourceId = resource.getAsLong();
              long jobId =
                  jobs.create(
                      actor.customerId(),
                      actor.userId(),
                      action.kind(),
                      action.resourceType(),
                      resourceId);
              ObjectNode payload = parameters.deepCopy();
              payload.put("resourceId", resourceId);
              if (actor.userId() != null) {
                payload.put("userId", actor.userId());
              }
              long taskId =
                  tasks.enqueue(
                      new NewTask(
                          action.kind(),
                          payload.toString(),
                          "job-" + jobId,
                          actor.customerId(),
                          jobId,
                          MAX_ATTEMPTS));
              audit.record(
                  actor,
                  action.kind(),
                  action.resourceType(),
                  resourceId,
                  "accepted",
                  "job " + jobId);
              return new Written(resourceId, jobId, taskId);
            });
    long taskId = written.taskId();
    try {
      publisher
          .publishTask(taskId)
          .whenComplete(
              (ok, failure) -> {
                if (failure == null) {
                  marker.confirmed(taskId);
                } else {
                  log.warn(
                      "Task {} not confirmed by the broker; the publisher will send it", taskId);
                }
              });
    } catch (RuntimeException e) {
      log.warn("Task {} not published now ({}); the publisher will send it", taskId, e.toString());
    }
    return new JobTicket(written.jobId(), action.resourceType(), written.resourceId());
  }
}
