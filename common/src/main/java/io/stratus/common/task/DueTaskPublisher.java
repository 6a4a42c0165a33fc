package io.stratus.common.task;

import io.stratus.common.messaging.ConfirmingPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep of the publisher: finds the tasks that are due (new, due for retry, or under a lapsed
 * lease), publishes a message for each, and marks those the broker confirmed. Running it on several
 * hosts at once is harmless: a task published twice is still worked once.
 */
public final class DueTaskPublisher {
  private static final Logger log = LoggerFactory.getLogger(DueTaskPublisher.class);

  private final TaskStore store;
  private final ConfirmingPublisher publisher;
  private final int batchSize;
  private final Duration republishAfter;

  /**
   * @param republishAfter a queued task published longer ago than this is published again, in case
   *     the broker lost its message
   */
  public DueTaskPublisher(
      TaskStore store, ConfirmingPublisher publisher, int batchSize, Duration republishAfter) {
    this.store = store;
    this.publisher = publisher;
    this.batchSize = batchSize;
    this.republishAfter = republishAfter;
  }

  /** Publishes one batch; returns how many tasks were published and confirmed. */
  public int sweepOnce() {
    List<Long> due = store.findDue(batchSize, republishAfter);
    if (due.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<Void>> confirms = new ArrayList<>(due.size());
    for (long id : due) {
      confirms.add(publisher.publishTask(id));
    }
    List<Long> confirmed = new ArrayList<>(due.size());
    for (int i = 0; i < due.size(); i++) {
      try {
        confirms.get(i).get(30, TimeUnit.SECONDS);
        confirmed.add(due.get(i));
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Task {} not confirmed by the broker; next sweep tries again", due.get(i));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    store.markPublished(confirmed);
    return confirmed.size();
  }
}
