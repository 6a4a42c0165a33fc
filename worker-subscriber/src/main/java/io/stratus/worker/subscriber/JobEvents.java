package io.stratus.worker.subscriber;

import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.common.task.Task;
import io.stratus.common.task.TaskOutcomeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes {@code job.<customer>.<id>.complete} or {@code .error} when a job's task ends. */
final class JobEvents implements TaskOutcomeListener {
  private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

  private final EventPublisher events;

  JobEvents(EventPublisher events) {
    this.events = events;
  }

  @Override
  public void finished(Task task, boolean succeeded, String reason) {
    if (task.jobId() == null) {
      return;
    }
    var detail = MessageCodec.mapper().createObjectNode().put("jobId", task.jobId());
    detail.put("status", succeeded ? "COMPLETE" : "ERROR");
    if (reason != null) {
      detail.put("message", reason);
    }
    try {
      events.publish(
          "job",
          task.customerId() == null ? 0 : task.customerId(),
          task.jobId(),
          succeeded ? "complete" : "error",
          detail);
    } catch (RuntimeException e) {
      log.warn("Job {} event not published: {}", task.jobId(), e.toString());
    }
  }
}
