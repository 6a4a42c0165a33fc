package io.stratus.worker.subscriber.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.common.job.JobStore;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.common.task.RecoverableTaskException;
import io.stratus.common.task.Task;
import io.stratus.common.task.TaskHandler;
import java.io.IOException;
import java.time.Duration;

/**
 * Runs an event script on a server's agent ({@code server.script}). The script's exit code and
 * output are kept with the job whatever the outcome; a non-zero exit or a timeout fails the job.
 *
 * <p>A script need not be safe to repeat, so the call is retried only when it never reached the
 * agent (refused, unreachable); once sent, a lost answer fails the job, saying the script may have
 * run.
 */
public final class ScriptTask implements TaskHandler {
  /** How long beyond the script's own limit the worker waits for the agent's answer. */
  static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

  private final Agents agents;
  private final JobStore jobs;

  public ScriptTask(Agents agents, JobStore jobs) {
    this.agents = agents;
    this.jobs = jobs;
  }

  @Override
  public void execute(Task task) throws Exception {
    JsonNode payload;
    try {
      payload = MessageCodec.mapper().readTree(task.payload());
    } catch (IOException e) {
      throw new IllegalArgumentException("task " + task.id() + " has a payload that is not JSON");
    }
    long serverId = payload.path("resourceId").asLong();
    String script = payload.path("script").asText();
    int timeout = payload.path("timeoutSeconds").asInt(300);
    AgentEndpoint agent =
        agents
            .endpoint(serverId)
            .orElseThrow(
                () -> new IllegalStateException("server " + serverId + " has no trusted agent"));
    ObjectNode body = MessageCodec.mapper().createObjectNode();
    body.set("args", payload.path("args"));
    body.put("timeoutSeconds", timeout);
    progress(task, 10, "running " + script + " on server " + serverId);
    JsonNode result;
    try {
      result =
          agents
              .client()
              .post(
                  agent,
                  "/scripts/" + script,
                  body,
                  Duration.ofSeconds(timeout).plus(ANSWER_MARGIN));
    } catch (AgentCallException e) {
      if (!e.reached()) {
        throw new RecoverableTaskException(e.getMessage(), e);
      }
      if (e.status() == 0) {
        throw new IllegalStateException(e.getMessage() + "; the script may or may not have run", e);
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
    int exit = result.path("exitCode").asInt(-1);
    boolean timedOut = result.path("timedOut").asBoolean(false);
    if (task.jobId() != null) {
      jobs.output(
          task.jobId(),
          "exit code "
              + exit
              + (timedOut ? " (timed out)" : "")
              + "\n"
              + result.path("output").asText(""));
    }
    if (timedOut) {
      throw new IllegalStateException(
          script + " on server " + serverId + " did not finish within " + timeout + " s");
    }
    if (exit != 0) {
      throw new IllegalStateException(
          script + " on server " + serverId + " exited with code " + exit);
    }
    progress(task, 99, script + " ran on server " + serverId);
  }

  private void progress(Task task, int percent, String message) {
    if (task.jobId() != null) {
      jobs.progress(task.jobId(), percent, message);
    }
  }
}
