package io.stratus.worker.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.cache.CacheLease;
import io.stratus.common.cache.CacheWorkStore;
import io.stratus.common.messaging.MalformedMessageException;
import io.stratus.common.messaging.MessageEnvelope;
import io.stratus.common.messaging.MessageHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles cache-job messages: leases the (account, region, kind), runs its refresher, and schedules
 * the next poll (or a backoff after a failure). A job for an item another subscriber holds, or that
 * is not due, is acknowledged without effect.
 */
public final class CacheJobWorker implements MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(CacheJobWorker.class);

  private final CacheWorkStore store;
  private final String owner;
  private final Duration leaseTime;
  private final Map<CacheKind, CacheRefresher> refreshers;

  public CacheJobWorker(
      CacheWorkStore store,
      String owner,
      Duration leaseTime,
      Map<CacheKind, CacheRefresher> refreshers) {
    this.store = store;
    this.owner = owner;
    this.leaseTime = leaseTime;
    this.refreshers = Map.copyOf(refreshers);
  }

  @Override
  public void handle(MessageEnvelope message) {
    if (!"cache".equals(message.type()) || message.version() != 1) {
      throw new MalformedMessageException(
          "expected a cache message version 1, got " + message.type() + " v" + message.version());
    }
    JsonNode id = message.payload().get("cacheWorkId");
    if (id == null || !id.canConvertToLong()) {
      throw new MalformedMessageException("cache message without a numeric cacheWorkId");
    }
    run(id.asLong());
  }

  /** Leases and refreshes one item; false if it was not due or held by another subscriber. */
  public boolean run(long cacheWorkId) {
    Optional<CacheLease> claimed = store.claim(cacheWorkId, owner, leaseTime);
    if (claimed.isEmpty()) {
      return false;
    }
    CacheLease lease = claimed.get();
    CacheRefresher refresher = refreshers.get(lease.work().kind());
    if (refresher == null) {
      store.failed(lease, "no cache worker for kind " + lease.work().kind().key());
      return true;
    }
    try {
      refresher.refresh(lease.work());
      store.complete(lease);
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      log.warn(
          "Cache worker {} for region {} failed: {}",
          lease.work().kind().key(),
          lease.work().regionId(),
          reason);
      store.failed(lease, reason);
    }
    return true;
  }
}
