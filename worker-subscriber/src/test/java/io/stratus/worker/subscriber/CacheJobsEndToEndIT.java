package io.stratus.worker.subscriber;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.common.config.Config;
import io.stratus.common.config.Secret;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.publisher.WorkerPublisher;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publisher, broker, subscriber and cache worker together: a VM launched outside Stratus shows up
 * in the server table within one polling interval, and a VM whose process is killed shows stopped.
 */
class CacheJobsEndToEndIT {
  @Test
  void shouldKeepTheServerTableTrueThroughThePublisherAndSubscriber() throws Exception {
    TestDatabase db = TestServices.newDatabase("cachee2e");
    TestBroker broker = TestServices.broker();
    String prefix = broker.uniqueName("cachee2e");
    try (Database database = StratusSchema.open(db);
        LocalCloudProcess cloud =
            LocalCloudProcess.start(
                Files.createTempDirectory("cachee2e-"),
                "regions=local-1\nregion.local-1.mode=process\n")) {
      JdbcClient jdbc = JdbcClient.create(database.primary());
      Map<String, String> credentials = cloud.credentials();
      jdbc.sql("INSERT INTO customer (name) VALUES ('acme')").update();
      jdbc.sql("INSERT INTO cloud (name, provider_name, endpoint) VALUES ('local', 'local', ?)")
          .param(credentials.get("endpoint"))
          .update();
      jdbc.sql(
              """
              INSERT INTO cloud_account (customer_id, cloud_id, name, status)
              SELECT (SELECT id FROM customer), (SELECT id FROM cloud), 'a', 'active'
              """)
          .update();
      jdbc.sql(
              """
              INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name)
              SELECT customer_id, id, 'local-1', 'Local' FROM cloud_account
              """)
          .update();

      Map<String, String> values = TestServices.keys(db, broker, prefix);
      values.put("publisher.sweep-interval", "200ms");
      values.put("publisher.republish-after", "10s");
      values.put("cache.interval.servers", "1s");
      Config config = Config.of("worker", values, Map.of());

      WorkerSubscriber subscriber =
          new WorkerSubscriber(
              SubscriberSettings.from(config),
              DatabaseSettings.of(db.jdbcUrl(), db.user(), Secret.of(db.password())),
              AmqpSettings.of(broker.uri(), prefix),
              CloudHandlers.using(
                  context ->
                      (customer, account) ->
                          Map.of(
                              "accessKey", credentials.get("accessKey"),
                              "secretKey", credentials.get("secretKey"))));
      try (WorkerPublisher publisher = new WorkerPublisher(config);
          WorkerSubscriber running = subscriber) {
        publisher.start();
        running.start();
        VirtualMachineSupport vms =
            cloud.provider("local-1").compute().orElseThrow().virtualMachines().orElseThrow();
        VirtualMachine vm = vms.launch(VmLaunchOptions.of("img-sleep", "small", "outsider"));
        await(() -> "running".equals(state(jdbc, vm.id())), "the outsider listed as running");

        cloud.vmProcesses().forEach(ProcessHandle::destroyForcibly);
        long killed = System.nanoTime();
        await(() -> "stopped".equals(state(jdbc, vm.id())), "the killed VM listed as stopped");
        assertTrue(
            System.nanoTime() - killed < Duration.ofSeconds(10).toNanos(),
            "took longer than a few polling intervals");
      } finally {
        try (AmqpConnection cleanup =
            AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "cleanup")) {
          BrokerNames.deleteTopology(cleanup);
        }
      }
    } finally {
      db.close();
    }
  }

  private static String state(JdbcClient jdbc, String providerId) {
    return jdbc.sql("SELECT state FROM server WHERE provider_server_id = ?")
        .param(providerId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
