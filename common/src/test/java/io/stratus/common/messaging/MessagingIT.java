package io.stratus.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.stratus.common.db.Database;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.common.task.DueTaskPublisher;
import io.stratus.common.task.NewTask;
import io.stratus.common.task.RetryPolicy;
import io.stratus.common.task.TaskHandler;
import io.stratus.common.task.TaskState;
import io.stratus.common.task.TaskStore;
import io.stratus.common.task.TaskWorker;
import io.stratus.testkit.TcpProxy;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingIT {
  private static TestBroker broker;
  private static TestDatabase db;
  private static Database database;
  private static TaskStore store;

  private AmqpSettings settings;
  private AmqpConnection connection;
  private ConfirmingPublisher publisher;

  @BeforeAll
  static void openDatabase() {
    broker = TestServices.broker();
    db = TestServices.newDatabase("messaging");
    database = StratusSchema.open(db);
    store =
        new TaskStore(
            database.primary(), new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 0));
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
    db.close();
  }

  @BeforeEach
  void connect() {
    settings =
        AmqpSettings.of(broker.uri(), broker.uniqueName("msg"))
            .withConfirmTimeout(Duration.ofMillis(500));
    connection = AmqpConnection.open(settings, "messaging-it");
    publisher = new ConfirmingPublisher(connection);
  }

  @AfterEach
  void disconnect() {
    publisher.close();
    BrokerNames.deleteTopology(connection);
    connection.close();
  }

  @Test
  void shouldDeliverAConfirmedPersistentMessageOnce() throws Exception {
    MessageEnvelope sent = MessageEnvelope.of("test", 1, MessageCodec.mapper().createObjectNode());
    publisher
        .publish(settings.topology().workExchange(), Topology.TASK_ROUTING_KEY, sent)
        .get(10, TimeUnit.SECONDS);
    try (Channel channel = connection.openChannel()) {
      GetResponse got = channel.basicGet(settings.topology().taskQueue(), false);
      assertEquals(sent.messageId(), MessageCodec.decode(got.getBody()).messageId());
      assertEquals(2, got.getProps().getDeliveryMode(), "persistent");
      channel.basicAck(got.getEnvelope().getDeliveryTag(), false);
      assertEquals(null, channel.basicGet(settings.topology().taskQueue(), false));
    }
  }

  @Test
  void shouldRedeliverTheMessageOfAConsumerThatDiedWithoutAcking() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AmqpConnection doomed = AmqpConnection.open(settings, "doomed");
    QueueConsumer.start(
        doomed,
        settings.topology().taskQueue(),
        1,
        m -> {
          received.countDown();
          never.await();
        });
    publisher.publishTask(42).get(10, TimeUnit.SECONDS);
    assertTrue(received.await(10, TimeUnit.SECONDS));
    doomed.close();
    never.countDown();

    CountDownLatch redelivered = new CountDownLatch(1);
    try (QueueConsumer survivor =
        QueueConsumer.start(
            connection,
            settings.topology().taskQueue(),
            1,
            m -> {
              if (m.payload().get("taskId").asLong() == 42) {
                redelivered.countDown();
              }
            })) {
      assertTrue(redelivered.await(10, TimeUnit.SECONDS), "message lost with its consumer");
    }
  }

  @Test
  void shouldPublishAgainWhenNoConfirmArrives() throws Exception {
    URI uri = new URI(broker.uri());
    try (TcpProxy proxy = new TcpProxy(broker.host(), broker.port())) {
      String proxied =
          broker.uri().replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port());
      AmqpSettings viaProxy =
          new AmqpSettings(
              io.stratus.common.config.Secret.of(proxied),
              settings.prefix(),
              8,
              Duration.ofMillis(300),
              10,
              false,
              Duration.ofMillis(200));
      try (AmqpConnection flaky = AmqpConnection.open(viaProxy, "flaky");
          ConfirmingPublisher flakyPublisher = new ConfirmingPublisher(flaky)) {
        flakyPublisher.publishTask(6).get(10, TimeUnit.SECONDS); // opens this thread's channel
        proxy.blackhole(true);
        var confirmed = flakyPublisher.publishTask(7);
        Thread.sleep(700);
        assertTrue(!confirmed.isDone(), "confirmed through a network that drops everything");
        proxy.blackhole(false);
        proxy.cutConnections();
        confirmed.get(20, TimeUnit.SECONDS);
        assertTrue(flakyPublisher.republishedCount() >= 1);
      }
    }
    try (Channel channel = connection.openChannel()) {
      GetResponse warmUp = channel.basicGet(settings.topology().taskQueue(), true);
      assertEquals(6, MessageCodec.decode(warmUp.getBody()).payload().get("taskId").asLong());
      GetResponse got = channel.basicGet(settings.topology().taskQueue(), true);
      assertEquals(7, MessageCodec.decode(got.getBody()).payload().get("taskId").asLong());
      assertEquals(
          null, channel.basicGet(settings.topology().taskQueue(), true), "swallowed copies");
    }
  }

  @Test
  void shouldExecuteATaskDeliveredTwiceOnlyOnce() throws Exception {
    long id =
        store.enqueue(new NewTask("count", "{}", UUID.randomUUID().toString(), null, null, 3));
    AtomicInteger executions = new AtomicInteger();
    TaskHandler slowCount =
        task -> {
          executions.incrementAndGet();
          Thread.sleep(300);
        };
    try (TaskWorker worker =
            new TaskWorker(store, "it-worker", Duration.ofSeconds(30), Map.of("count", slowCount));
        QueueConsumer consumer =
            QueueConsumer.start(connection, settings.topology().taskQueue(), 2, worker)) {
      publisher.publishTask(id).get(10, TimeUnit.SECONDS);
      publisher.publishTask(id).get(10, TimeUnit.SECONDS);
      await(() -> store.find(id).orElseThrow().state() == TaskState.SUCCEEDED, "task done");
      Thread.sleep(500);
      assertEquals(1, executions.get());
    }
  }

  @Test
  void shouldRejectAMalformedMessageInsteadOfRedeliveringIt() throws Exception {
    AtomicInteger malformed = new AtomicInteger();
    MessageHandler handler =
        new MessageHandler() {
          @Override
          public void handle(MessageEnvelope message) {}

          @Override
          public void onMalformed(byte[] body, MalformedMessageException e) {
            malformed.incrementAndGet();
          }
        };
    try (QueueConsumer consumer =
        QueueConsumer.start(connection, settings.topology().taskQueue(), 1, handler)) {
      try (Channel channel = connection.openChannel()) {
        channel.basicPublish(
            settings.topology().workExchange(),
            Topology.TASK_ROUTING_KEY,
            null,
            "{not json".getBytes());
      }
      await(() -> malformed.get() == 1, "malformed message seen");
      Thread.sleep(300);
      assertEquals(1, malformed.get(), "rejected messages must not come back");
    }
  }

  @Test
  void shouldReconnectAfterABrokerRestartWithoutLosingAQueuedTask() throws Exception {
    assumeTrue(broker.canRestart(), "this broker (" + broker.mode() + ") cannot be restarted here");
    long id =
        store.enqueue(new NewTask("count", "{}", UUID.randomUUID().toString(), null, null, 3));
    DueTaskPublisher sweeper = new DueTaskPublisher(store, publisher, 100, Duration.ofSeconds(2));
    assertEquals(1, sweeper.sweepOnce());

    broker.restart();

    AtomicInteger executions = new AtomicInteger();
    try (TaskWorker worker =
        new TaskWorker(
            store,
            "after-restart",
            Duration.ofSeconds(30),
            Map.of("count", task -> executions.incrementAndGet()))) {
      await(connection::isOpen, "connection recovered");
      QueueConsumer consumer = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (consumer == null && System.nanoTime() < deadline) {
        try {
          consumer = QueueConsumer.start(connection, settings.topology().taskQueue(), 1, worker);
        } catch (RuntimeException e) {
          Thread.sleep(200);
        }
      }
      try (QueueConsumer started = consumer) {
        await(
            () -> {
              sweeper.sweepOnce();
              return store.find(id).orElseThrow().state() == TaskState.SUCCEEDED;
            },
            "queued task completed after the restart");
      }
    }
    assertEquals(1, executions.get());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not ready yet (e.g. the broker is still coming back)
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }
}
