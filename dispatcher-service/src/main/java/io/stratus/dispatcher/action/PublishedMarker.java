package io.stratus.dispatcher.action;

import io.stratus.common.task.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records, in batches, which tasks' messages the broker has confirmed, so the publisher's sweep
 * does not send them again. Losing a mark (a crash) only means one harmless duplicate message.
 */
public final class PublishedMarker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PublishedMarker.class);

  private final TaskStore tasks;
  private final ConcurrentLinkedQueue<Long> confirmed = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService flusher;

  public PublishedMarker(TaskStore tasks) {
    this.tasks = tasks;
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "published-marker");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(this::flush, 50, 50, TimeUnit.MILLISECONDS);
  }

  public void confirmed(long taskId) {
    confirmed.add(taskId);
  }

  void flush() {
    List<Long> batch = new ArrayList<>();
    for (Long id; batch.size() < 1000 && (id = confirmed.poll()) != null; ) {
      batch.add(id);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      tasks.markPublished(batch);
    } catch (RuntimeException e) {
      log.warn(
          "Could not mark {} tasks published ({}); they may be sent twice",
          batch.size(),
          e.toString());
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
