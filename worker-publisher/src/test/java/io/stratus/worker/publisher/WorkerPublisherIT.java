package io.stratus.worker.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.common.task.NewTask;
import io.stratus.common.task.RetryPolicy;
import io.stratus.common.task.TaskStore;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class WorkerPublisherIT {
  private static TestDatabase db;
  private static TestBroker broker;
  private static Database database;
  private static String prefix;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("publisher");
    broker = TestServices.broker();
    database = StratusSchema.open(db);
    prefix = broker.uniqueName("publisher");
  }

  @AfterAll
  static void close() {
    try (AmqpConnection connection =
        AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "cleanup")) {
      BrokerNames.deleteTopology(connection);
    }
    database.close();
    db.close();
  }

  private static Map<String, String> config() {
    Map<String, String> values = TestServices.keys(db, broker, prefix);
    values.put("publisher.sweep-interval", "100ms");
    values.put("publisher.republish-after", "1m");
    return values;
  }

  @Test
  void shouldPublishDueTasksAndCacheWorkForEveryActiveRegion() throws Exception {
    JdbcClient jdbc = JdbcClient.create(database.primary());
    jdbc.sql("INSERT INTO customer (name) VALUES ('acme')").update();
    long customer =
        jdbc.sql("SELECT id FROM customer WHERE name='acme'").query(Long.class).single();
    jdbc.sql("INSERT INTO cloud (name, provider_name) VALUES ('local', 'local')").update();
    long cloud = jdbc.sql("SELECT id FROM cloud").query(Long.class).single();
    jdbc.sql(
            "INSERT INTO cloud_account (customer_id, cloud_id, name, status) VALUES (?, ?, 'a', 'active')")
        .params(customer, cloud)
        .update();
    long account = jdbc.sql("SELECT id FROM cloud_account").query(Long.class).single();
    jdbc.sql(
            """
            INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name)
            VALUES (?, ?, 'r1', 'Region 1'), (?, ?, 'r2', 'Region 2')
            """)
        .params(customer, account, customer, account)
        .update();
    TaskStore tasks = new TaskStore(database.primary(), RetryPolicy.DEFAULT);
    long taskId =
        tasks.enqueue(
            new NewTask("server.launch", "{}", UUID.randomUUID().toString(), customer, null, 3));

    try (WorkerPublisher publisher = new WorkerPublisher(Config.of("worker", config(), Map.of()))) {
      publisher.start();
      Set<Long> taskIds = new HashSet<>();
      Set<Long> cacheIds = new HashSet<>();
      int expected = 2 * CacheKind.values().length;
      try (AmqpConnection connection =
              AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "reader");
          Channel channel = connection.openChannel()) {
        long deadline = System.currentTimeMillis() + 15_000;
        while ((taskIds.isEmpty() || cacheIds.size() < expected)
            && System.currentTimeMillis() < deadline) {
          GetResponse task = channel.basicGet(connection.topology().taskQueue(), true);
          if (task != null) {
            taskIds.add(MessageCodec.decode(task.getBody()).payload().get("taskId").asLong());
          }
          GetResponse cache = channel.basicGet(connection.topology().cacheQueue(), true);
          if (cache != null) {
            cacheIds.add(
                MessageCodec.decode(cache.getBody()).payload().get("cacheWorkId").asLong());
          }
          if (task == null && cache == null) {
            Thread.sleep(50);
          }
        }
      }
      assertEquals(Set.of(taskId), taskIds);
      assertEquals(expected, cacheIds.size(), "2 regions x every kind");
      assertEquals(
          expected,
          jdbc.sql("SELECT COUNT(*) FROM cache_work WHERE published_at IS NOT NULL")
              .query(Integer.class)
              .single());
      assertTrue(
          jdbc.sql("SELECT published_at IS NOT NULL FROM task WHERE id = ?")
              .param(taskId)
              .query(Boolean.class)
              .single());
    }
  }

  @Test
  void shouldRefuseAMisspeltKeyNamingIt() {
    Map<String, String> values = config();
    values.put("publisher.sweep-intervall", "1s");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new WorkerPublisher(Config.of("worker", values, Map.of())));
    assertTrue(e.getMessage().contains("publisher.sweep-intervall"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean publisher.sweep-interval?"), e.getMessage());
  }
}
