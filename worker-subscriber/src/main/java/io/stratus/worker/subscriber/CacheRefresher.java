package io.stratus.worker.subscriber;

import io.stratus.common.cache.CacheWork;

/**
 * Keeps one kind of resource current for one (account, region): polls the cloud, reconciles the
 * database (insert what is new, update what changed, mark what disappeared) and publishes an event
 * per change.
 */
@FunctionalInterface
public interface CacheRefresher {
  void refresh(CacheWork work) throws Exception;
}
