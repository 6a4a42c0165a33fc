package io.stratus.pinger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects ping outcomes from the I/O threads and writes them on its own thread in batches of
 * {@code pinger.batch-size} (or what has waited {@link #MAX_DELAY_MILLIS}), one transaction each,
 * then publishes the state changes the batch made. A batch that cannot be written is logged and
 * dropped: the next sweep pings those agents again.
 */
final class OutcomeWriter implements AutoCloseable {
  /** The longest an outcome waits for its batch to fill. */
  static final long MAX_DELAY_MILLIS = 1000;

  private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

  private final AgentStore store;
  private final AgentEvents events;
  private final int batchSize;
  private final int missesBeforeUnreachable;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition written = lock.newCondition();
  private final ArrayDeque<PingOutcome> pending = new ArrayDeque<>();
  private final AtomicLong changes = new AtomicLong();
  private final Thread thread;
  private long oldestPendingSince;
  private long added;
  private long done;
  private boolean flushWanted;
  private boolean closing;

  OutcomeWriter(AgentStore store, AgentEvents events, int batchSize, int missesBeforeUnreachable) {
    this.store = store;
    this.events = events;
    this.batchSize = batchSize;
    this.missesBeforeUnreachable = missesBeforeUnreachable;
    this.thread = new Thread(this::run, "pinger-writer");
    thread.start();
  }

  /** Queues one outcome; called on the I/O threads, so it only takes a short lock. */
  void add(PingOutcome outcome) {
    lock.lock();
    try {
      if (pending.isEmpty()) {
        oldestPendingSince = System.nanoTime();
      }
      pending.add(outcome);
      added++;
      if (pending.size() >= batchSize) {
        work.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Writes everything queued so far now, and waits until it is written (or dropped). */
  void flush() throws InterruptedException {
    lock.lock();
    try {
      long target = added;
      flushWanted = true;
      work.signal();
      while (done < target && thread.isAlive()) {
        written.await(100, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** State changes written since the writer started. */
  long changes() {
    return changes.get();
  }

  /** Writes what is queued, then stops the thread. */
  @Override
  public void close() throws InterruptedException {
    lock.lock();
    try {
      closing = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    thread.join();
  }

  private void run() {
    while (true) {
      List<PingOutcome> batch = new ArrayList<>(batchSize);
      lock.lock();
      try {
        while (!due()) {
          if (closing) {
            return;
          }
          long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - oldestPendingSince);
          work.await(
              pending.isEmpty() ? MAX_DELAY_MILLIS : Math.max(1, MAX_DELAY_MILLIS - waited),
              TimeUnit.MILLISECONDS);
        }
        while (batch.size() < batchSize && !pending.isEmpty()) {
          batch.add(pending.poll());
        }
        oldestPendingSince = System.nanoTime();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      write(batch);
      lock.lock();
      try {
        done += batch.size();
        if (pending.isEmpty()) {
          flushWanted = false;
        }
        written.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Under the lock: whether a batch should be written now. */
  private boolean due() {
    if (pending.isEmpty()) {
      return false;
    }
    return pending.size() >= batchSize
        || flushWanted
        || closing
        || System.nanoTime() - oldestPendingSince
            >= TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MILLIS);
  }

  private void write(List<PingOutcome> batch) {
    List<Change> made;
    try {
      made = store.record(batch, missesBeforeUnreachable);
    } catch (RuntimeException e) {
      log.warn(
          "{} ping outcomes not recorded (the next sweep pings those agents again): {}",
          batch.size(),
          e.getMessage());
      return;
    }
    changes.addAndGet(made.size());
    for (Change change : made) {
      log.info(
          "Agent of server {} at {}:{} is {} (last seen {}, {} consecutive misses)",
          change.agent().serverId(),
          change.agent().address(),
          change.agent().port(),
          change.state().key(),
          change.lastSeenAt() == null ? "never" : change.lastSeenAt(),
          change.misses());
      events.changed(change);
    }
  }
}
