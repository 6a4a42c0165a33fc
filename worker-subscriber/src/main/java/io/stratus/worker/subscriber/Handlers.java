package io.stratus.worker.subscriber;

import io.stratus.common.cache.CacheKind;
import io.stratus.common.task.TaskHandler;
import java.util.Map;

/** What a subscriber can do: a handler per task kind and a refresher per cache kind. */
public record Handlers(Map<String, TaskHandler> tasks, Map<CacheKind, CacheRefresher> caches) {
  public Handlers {
    tasks = Map.copyOf(tasks);
    caches = Map.copyOf(caches);
  }
}
