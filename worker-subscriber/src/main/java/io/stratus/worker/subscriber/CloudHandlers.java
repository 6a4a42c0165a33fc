package io.stratus.worker.subscriber;

import io.stratus.common.cache.CacheKind;
import io.stratus.common.job.JobStore;
import io.stratus.worker.subscriber.cache.DataCenterCacheRefresher;
import io.stratus.worker.subscriber.cache.ServerCacheRefresher;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import io.stratus.worker.subscriber.cloud.CredentialSource;
import io.stratus.worker.subscriber.task.CloudTasks;
import io.stratus.worker.subscriber.task.TaskContext;
import java.util.Map;
import java.util.function.Function;

/** The production handlers: every cloud task and every cache refresher, over one connector. */
public final class CloudHandlers {
  private CloudHandlers() {}

  /** Handlers that get credentials from {@code credentials} once the subscriber is open. */
  public static Function<SubscriberContext, Handlers> using(
      Function<SubscriberContext, CredentialSource> credentials) {
    return context -> {
      CloudConnector connector =
          new CloudConnector(context.database().reads(), credentials.apply(context));
      TaskContext tasks =
          new TaskContext(
              context.database().primary(),
              connector,
              new JobStore(context.database().primary()),
              context.events(),
              context.settings().pollInterval(),
              context.settings().waitLimit());
      return new Handlers(
          CloudTasks.handlers(tasks),
          Map.of(
              CacheKind.SERVERS,
              new ServerCacheRefresher(context.database().primary(), connector, context.events()),
              CacheKind.DATA_CENTERS,
              new DataCenterCacheRefresher(context.database().primary(), connector)));
    };
  }
}
