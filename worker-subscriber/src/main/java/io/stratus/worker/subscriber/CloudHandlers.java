package io.stratus.worker.subscriber;

import io.stratus.common.cache.CacheKind;
import io.stratus.common.job.JobStore;
import io.stratus.worker.subscriber.agent.AgentLogCollector;
import io.stratus.worker.subscriber.agent.Agents;
import io.stratus.worker.subscriber.cache.CacheEvents;
import io.stratus.worker.subscriber.cache.CacheKinds;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import io.stratus.worker.subscriber.cloud.CredentialSource;
import io.stratus.worker.subscriber.task.CloudTasks;
import io.stratus.worker.subscriber.task.TaskContext;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The production handlers: every cloud task and every cache refresher, over one connector. */
public final class CloudHandlers {
  private CloudHandlers() {}

  /**
   * Handlers that get credentials from {@code credentials} once the subscriber is open, and reach
   * no guest agents.
   */
  public static Function<SubscriberContext, Handlers> using(
      Function<SubscriberContext, CredentialSource> credentials) {
    return using(credentials, context -> Agents.none(context.database().primary()));
  }

  /** Handlers with credentials from {@code credentials} and guest agents through {@code agents}. */
  public static Function<SubscriberContext, Handlers> using(
      Function<SubscriberContext, CredentialSource> credentials,
      Function<SubscriberContext, Agents> agents) {
    return context -> {
      Agents reach = agents.apply(context);
      CloudConnector connector =
          new CloudConnector(
              context.database().reads(),
              credentials.apply(context),
              context.settings().cloudEndpoints());
      TaskContext tasks =
          new TaskContext(
              context.database().primary(),
              connector,
              new JobStore(context.database().primary()),
              context.events(),
              context.settings().pollInterval(),
              context.settings().waitLimit(),
              reach);
      Map<CacheKind, CacheRefresher> caches =
          CacheKinds.refreshers(
              context.database().primary(), connector, new CacheEvents(context.events()));
      caches.put(
          CacheKind.AGENT_LOGS,
          new AgentLogCollector(
              context.database().primary(),
              new TransactionTemplate(
                  new DataSourceTransactionManager(context.database().primary())),
              reach,
              context.settings().agentLogs(),
              context.settings().agentLogLines(),
              context.settings().agentTimeout()));
      return new Handlers(CloudTasks.handlers(tasks), caches);
    };
  }
}
