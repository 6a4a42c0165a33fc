package io.stratus.worker.subscriber;

import io.stratus.common.cache.CacheWorkStore;
import io.stratus.common.daemon.BuildVersion;
import io.stratus.common.daemon.Component;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.db.SchemaMigrator;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.messaging.ConfirmingPublisher;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.messaging.QueueConsumer;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.Registration;
import io.stratus.common.task.RetryPolicy;
import io.stratus.common.task.TaskStore;
import io.stratus.common.task.TaskWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The worker subscriber: consumes task jobs and cache jobs with bounded concurrency. Any number of
 * subscribers on any number of hosts share the work; the leases in MySQL decide who does what.
 *
 * <p>Stopping stops consuming, waits up to {@code subscriber.stop-timeout} for the work in flight,
 * then closes; a task still running then is not lost: its lease lapses and the publisher sends it
 * again.
 */
public final class WorkerSubscriber implements Component {
  public static final String COMPONENT = "worker-subscriber";

  private final SubscriberSettings settings;
  private final DatabaseSettings databaseSettings;
  private final AmqpSettings amqpSettings;
  private final Function<SubscriberContext, Handlers> handlerFactory;
  private Database database;
  private AmqpConnection connection;
  private ConfirmingPublisher eventsPublisher;
  private Registration registration;
  private TaskWorker taskWorker;
  private QueueConsumer taskConsumer;
  private QueueConsumer cacheConsumer;
  private final List<AutoCloseable> owned = new ArrayList<>();

  /**
   * @param handlerFactory builds the handlers once the database and broker are open
   */
  public WorkerSubscriber(
      SubscriberSettings settings,
      DatabaseSettings databaseSettings,
      AmqpSettings amqpSettings,
      Function<SubscriberContext, Handlers> handlerFactory) {
    this.settings = settings;
    this.databaseSettings = databaseSettings;
    this.amqpSettings = amqpSettings;
    this.handlerFactory = handlerFactory;
  }

  /** Closes {@code resource} (e.g. a Key Manager client) when the subscriber stops, last. */
  public WorkerSubscriber closeOnStop(AutoCloseable resource) {
    owned.add(resource);
    return this;
  }

  @Override
  public void start() {
    database = Database.open(databaseSettings, COMPONENT);
    SchemaMigrator.stratus(database.primary()).requireCurrent();
    String host = ComponentRegistry.hostName();
    connection = AmqpConnection.open(amqpSettings, COMPONENT + "@" + host);
    String owner = host + ":" + ProcessHandle.current().pid();
    eventsPublisher = new ConfirmingPublisher(connection);
    EventPublisher events = new EventPublisher(eventsPublisher, connection.topology());
    Handlers handlers =
        handlerFactory.apply(new SubscriberContext(database, connection, events, settings, owner));
    taskWorker =
        new TaskWorker(
            new TaskStore(database.primary(), RetryPolicy.DEFAULT),
            owner,
            settings.taskLease(),
            handlers.tasks(),
            new JobEvents(events));
    CacheJobWorker cacheWorker =
        new CacheJobWorker(
            new CacheWorkStore(database.primary()),
            owner,
            settings.cacheLease(),
            handlers.caches());
    registration =
        new ComponentRegistry(database.primary(), Duration.ofSeconds(30))
            .register(COMPONENT, BuildVersion.of(WorkerSubscriber.class), Duration.ofSeconds(10));
    taskConsumer =
        QueueConsumer.start(
            connection, connection.topology().taskQueue(), settings.taskConcurrency(), taskWorker);
    cacheConsumer =
        QueueConsumer.start(
            connection,
            connection.topology().cacheQueue(),
            settings.cacheConcurrency(),
            cacheWorker);
  }

  @Override
  public void close() {
    if (taskConsumer != null) {
      taskConsumer.stop(settings.stopTimeout());
    }
    if (cacheConsumer != null) {
      cacheConsumer.stop(settings.stopTimeout());
    }
    if (taskWorker != null) {
      taskWorker.close();
    }
    if (registration != null) {
      registration.close();
    }
    if (eventsPublisher != null) {
      eventsPublisher.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (database != null) {
      database.close();
    }
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        // stopping anyway; nothing of it is needed any more
      }
    }
  }
}
