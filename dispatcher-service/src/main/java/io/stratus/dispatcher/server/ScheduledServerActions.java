package io.stratus.dispatcher.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ServerSchedules#runDue} on an interval ({@code schedule.interval}), on one daemon
 * thread, from the Dispatcher's start to its stop. Every Dispatcher runs it; the schedules' own
 * transactions keep each from being carried out twice.
 */
public final class ScheduledServerActions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScheduledServerActions.class);

  private final ServerSchedules schedules;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "server-schedules");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean failing;

  public ScheduledServerActions(ServerSchedules schedules, Duration interval) {
    this.schedules = schedules;
    this.interval = interval;
  }

  public void start() {
    timer.scheduleWithFixedDelay(
        this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      int started = schedules.runDue();
      if (started > 0) {
        log.info("Started {} scheduled server action(s)", started);
      }
      if (failing) {
        log.info("Scheduled server actions run again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("Scheduled server actions cannot run now ({}); retrying", e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
