package io.stratus.pinger;

import io.stratus.pinger.probe.ProbeResult;
import io.stratus.pinger.probe.ProbeResult.Kind;
import io.stratus.pinger.probe.StatusProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep: loads the agents of this pinger's partition, starts their pings evenly over {@code
 * pinger.spread} with at most {@code pinger.concurrency} in flight, hands each outcome to the
 * {@link OutcomeWriter}, and returns once every ping has ended and every outcome is written.
 */
final class Sweeper {
  private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

  /** How often a sweep waiting for a free slot looks whether the pinger stops. */
  private static final long SLOT_POLL_MILLIS = 50;

  /**
   * Pacing starts the pings that are due within this time together: a few at a time rather than one
   * per wake-up, which costs the I/O threads a wake-up and a system call per ping.
   */
  private static final long PACING_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final AgentStore store;
  private final StatusProbe probe;
  private final OutcomeWriter writer;
  private final PingerSettings settings;
  private final Semaphore slots;
  private final CountDownLatch stopping;

  /**
   * @param stopping counted down when the pinger stops: no new ping starts after that
   */
  Sweeper(
      AgentStore store,
      StatusProbe probe,
      OutcomeWriter writer,
      PingerSettings settings,
      CountDownLatch stopping) {
    this.store = store;
    this.probe = probe;
    this.writer = writer;
    this.settings = settings;
    this.slots = new Semaphore(settings.concurrency());
    this.stopping = stopping;
  }

  SweepStats sweep() throws InterruptedException {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    List<Agent> agents = store.load(settings.partitions(), settings.partition());
    probe.newRound();
    long changesBefore = writer.changes();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger missed = new AtomicInteger();
    AtomicInteger wrongCertificates = new AtomicInteger();
    AtomicLong lastEnded = new AtomicLong(System.nanoTime());
    long firstStarted = System.nanoTime();
    long gap = agents.isEmpty() ? 0 : settings.spread().toNanos() / agents.size();
    int started = 0;
    for (Agent agent : agents) {
      if (!waitUntil(firstStarted + started * gap) || !takeSlot()) {
        break;
      }
      started++;
      probe
          .probe(agent.target())
          .thenAccept(
              result -> {
                try {
                  lastEnded.set(System.nanoTime());
                  if (result.kind() == Kind.ABANDONED) {
                    return; // the pinger stopped; not the agent's fault
                  }
                  (result.answered() ? answered : missed).incrementAndGet();
                  if (result.kind() == Kind.WRONG_CERTIFICATE) {
                    wrongCertificates.incrementAndGet();
                  }
                  logMiss(agent, result);
                  writer.add(new PingOutcome(agent, result, Instant.now()));
                } finally {
                  slots.release();
                }
              });
    }
    awaitInFlight();
    long pinged = lastEnded.get();
    writer.flush();
    return new SweepStats(
        startedAt,
        agents.size(),
        answered.get(),
        missed.get(),
        wrongCertificates.get(),
        writer.changes() - changesBefore,
        probe.keptConnections(),
        Duration.ofNanos(Math.max(0, pinged - firstStarted)),
        Duration.ofNanos(System.nanoTime() - start),
        started == agents.size());
  }

  /** Waits for a free slot; false if the pinger stops meanwhile. */
  private boolean takeSlot() throws InterruptedException {
    while (!slots.tryAcquire(SLOT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (stopping.getCount() == 0) {
        return false;
      }
    }
    if (stopping.getCount() == 0) {
      slots.release();
      return false;
    }
    return true;
  }

  /** Paces the sweep; false if the pinger stops meanwhile. */
  private boolean waitUntil(long due) throws InterruptedException {
    long wait = due - System.nanoTime();
    if (wait > PACING_STEP_NANOS) {
      return !stopping.await(wait, TimeUnit.NANOSECONDS);
    }
    return stopping.getCount() > 0;
  }

  /**
   * Waits until every ping of the sweep has ended. A ping ends within its timeouts once its TLS
   * handshake has started, but may wait for a handshake slot first when the pinger is short of CPU
   * (then the sweep runs late rather than count that against agents). When the pinger stops, this
   * waits at most the longest ping.
   */
  private void awaitInFlight() throws InterruptedException {
    int all = settings.concurrency();
    while (!slots.tryAcquire(all, SLOT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (stopping.getCount() == 0) {
        long limit = settings.longestPing().toMillis() + 1000;
        if (!slots.tryAcquire(all, limit, TimeUnit.MILLISECONDS)) {
          log.warn("Stopping with pings still in flight {} ms later", limit);
          return;
        }
        break;
      }
    }
    slots.release(all);
  }

  private static void logMiss(Agent agent, ProbeResult result) {
    if (result.kind() == Kind.WRONG_CERTIFICATE) {
      log.warn(
          "Agent of server {} at {}:{} {}: counted as a miss",
          agent.serverId(),
          agent.address(),
          agent.port(),
          result.detail());
    } else if (!result.answered() && log.isDebugEnabled()) {
      log.debug(
          "Agent of server {} at {}:{} missed: {} ({})",
          agent.serverId(),
          agent.address(),
          agent.port(),
          result.kind(),
          result.detail());
    }
  }
}
