package io.stratus.worker.subscriber;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.config.Config;
import io.stratus.common.db.Database;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.publisher.WorkerPublisher;
import io.stratus.worker.subscriber.support.LocalRegion;
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
      LocalRegion.register(jdbc, cloud, "local-1", CacheKind.SERVERS);

      Map<String, String> values = TestServices.keys(db, broker, prefix);
      values.put("publisher.sweep-interval", "200ms");
      values.put("publisher.republish-after", "10s");
      values.put("cache.interval.servers", "1s");
      Config config = Config.of("worker", values, Map.of());

      WorkerSubscriber subscriber = LocalRegion.subscriber(config, db, broker, prefix, cloud);
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
        LocalRegion.deleteTopology(broker, prefix);
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
