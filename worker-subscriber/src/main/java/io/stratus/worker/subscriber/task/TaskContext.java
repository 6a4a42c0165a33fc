package io.stratus.worker.subscriber.task;

import io.stratus.common.job.JobStore;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.worker.subscriber.agent.Agents;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the cloud task handlers share: the main schema, the cloud connector, the jobs they report
 * to, the events they publish, how they wait for a cloud to reach a state, and the guest agents.
 *
 * @param pollInterval how often a handler asks the cloud whether a resource got where it should
 * @param waitLimit how long an attempt waits for that before it is retried later
 */
public record TaskContext(
    DataSource primary,
    CloudConnector connector,
    JobStore jobs,
    EventPublisher events,
    Duration pollInterval,
    Duration waitLimit,
    Agents agents) {

  public JdbcClient jdbc() {
    return JdbcClient.create(primary);
  }
}
