package io.stratus.worker.publisher;

import io.stratus.common.cache.CacheWorkStore;
import io.stratus.common.config.Config;
import io.stratus.common.daemon.BuildVersion;
import io.stratus.common.daemon.Component;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.db.SchemaMigrator;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.messaging.ConfirmingPublisher;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.Registration;
import io.stratus.common.task.DueTaskPublisher;
import io.stratus.common.task.RetryPolicy;
import io.stratus.common.task.TaskStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker publisher: on every sweep it publishes the tasks that are due (new, due for retry,
 * under a lapsed lease, or whose message may have been lost) and the cache work that is due. Any
 * number may run; publishing the same thing twice is harmless.
 */
public final class WorkerPublisher implements Component {
  public static final String COMPONENT = "worker-publisher";

  private static final Logger log = LoggerFactory.getLogger(WorkerPublisher.class);

  private final PublisherSettings settings;
  private final DatabaseSettings databaseSettings;
  private final AmqpSettings amqpSettings;
  private Database database;
  private AmqpConnection connection;
  private ConfirmingPublisher publisher;
  private Registration registration;
  private ScheduledExecutorService sweeper;

  public WorkerPublisher(Config config) {
    this.databaseSettings = DatabaseSettings.from(config, "db");
    this.amqpSettings = AmqpSettings.from(config, "amqp");
    this.settings = PublisherSettings.from(config);
    config.rejectUnknownKeysExcept(
        "subscriber.", "registry.", "km.", "keys.", "tls.", "agent.", "cloud.");
  }

  @Override
  public void start() {
    database = Database.open(databaseSettings, COMPONENT);
    SchemaMigrator.stratus(database.primary()).requireCurrent();
    connection = AmqpConnection.open(amqpSettings, COMPONENT + "@" + ComponentRegistry.hostName());
    publisher = new ConfirmingPublisher(connection);
    DueTaskPublisher tasks =
        new DueTaskPublisher(
            new TaskStore(database.primary(), RetryPolicy.DEFAULT),
            publisher,
            settings.batchSize(),
            settings.republishAfter());
    CacheJobPublisher cache =
        new CacheJobPublisher(
            new CacheWorkStore(database.primary()),
            publisher,
            settings.cacheIntervals(),
            settings.batchSize(),
            settings.republishAfter());
    registration =
        new ComponentRegistry(database.primary(), Duration.ofSeconds(30))
            .register(COMPONENT, BuildVersion.of(WorkerPublisher.class), Duration.ofSeconds(10));
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "publisher-sweep");
              t.setDaemon(false);
              return t;
            });
    sweeper.scheduleWithFixedDelay(
        () -> sweep(tasks, cache), 0, settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sweep(DueTaskPublisher tasks, CacheJobPublisher cache) {
    try {
      int published;
      do {
        published = tasks.sweepOnce();
      } while (published == settings.batchSize() && !Thread.currentThread().isInterrupted());
      cache.sweepOnce();
    } catch (RuntimeException e) {
      log.warn("Publisher sweep failed (next sweep retries): {}", e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (sweeper != null) {
      sweeper.shutdown();
      sweeper.awaitTermination(30, TimeUnit.SECONDS);
    }
    if (registration != null) {
      registration.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
