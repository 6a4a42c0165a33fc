package io.stratus.worker.publisher;

import io.stratus.common.cache.CacheKind;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.cache.CacheWorkStore;
import io.stratus.common.messaging.ConfirmingPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep of cache work: schedules every active (account, region, kind), then publishes a cache
 * job for each item that is due and marks the ones the broker confirmed.
 */
final class CacheJobPublisher {
  private static final Logger log = LoggerFactory.getLogger(CacheJobPublisher.class);

  private final CacheWorkStore store;
  private final ConfirmingPublisher publisher;
  private final Map<CacheKind, Duration> intervals;
  private final int batchSize;
  private final Duration republishAfter;

  CacheJobPublisher(
      CacheWorkStore store,
      ConfirmingPublisher publisher,
      Map<CacheKind, Duration> intervals,
      int batchSize,
      Duration republishAfter) {
    this.store = store;
    this.publisher = publisher;
    this.intervals = intervals;
    this.batchSize = batchSize;
    this.republishAfter = republishAfter;
  }

  int sweepOnce() {
    store.schedule(intervals);
    List<CacheWork> due = store.findDue(batchSize, republishAfter);
    List<CompletableFuture<Void>> confirms = new ArrayList<>(due.size());
    for (CacheWork work : due) {
      confirms.add(publisher.publishCacheJob(work.id()));
    }
    List<Long> confirmed = new ArrayList<>(due.size());
    for (int i = 0; i < due.size(); i++) {
      try {
        confirms.get(i).get(30, TimeUnit.SECONDS);
        confirmed.add(due.get(i).id());
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Cache job {} not confirmed; next sweep tries again", due.get(i).id());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    store.markPublished(confirmed);
    return confirmed.size();
  }
}
