package io.stratus.worker.subscriber.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.messaging.ConfirmingPublisher;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import io.stratus.worker.subscriber.support.LocalRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one reconcile against a cloud that fails part-way: a simulated region of the local cloud with
 * 2,500 machines (three pages) answers half of all calls with an injected communication error, so
 * refreshes die at the first, second or third page. A refresh that dies never marks a row gone, and
 * the refresh that finally gets through, after others died having written some pages, leaves one
 * row and one event per machine: none twice.
 */
class CacheFailuresIT {
  private static final int MACHINES = 2500;
  private static final List<String> GHOSTS = List.of("ghost-1", "ghost-2", "ghost-3");

  @Test
  void shouldLeaveRowsAsTheyWereWhenAPageFailsAndWriteNothingTwiceWhenRunAgain() throws Exception {
    TestDatabase db = TestServices.newDatabase("cachefail");
    var broker = TestServices.broker();
    try (Database database = StratusSchema.open(db);
        LocalCloudProcess cloud =
            LocalCloudProcess.start(
                Files.createTempDirectory("cachefail-"),
                """
                regions=sim-1
                region.sim-1.mode=simulated
                region.sim-1.boot-time=0ms
                region.sim-1.seed-vms=%d
                region.sim-1.error-rate=0.5
                region.sim-1.error-types=communication
                """
                    .formatted(MACHINES));
        AmqpConnection connection =
            AmqpConnection.open(
                AmqpSettings.of(broker.uri(), broker.uniqueName("cachefail")), "it");
        ConfirmingPublisher publisher = new ConfirmingPublisher(connection)) {
      JdbcClient jdbc = JdbcClient.create(database.primary());
      CacheWork work = region(jdbc, cloud);
      String queue;
      try (Channel channel = connection.openChannel()) {
        queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, connection.topology().eventsExchange(), "server.#");
      }
      CacheReconciler<VirtualMachine> servers =
          new CacheReconciler<>(
              new ServerKind(),
              database.primary(),
              new CloudConnector(database.primary(), LocalRegion.credentials(cloud)),
              new CacheEvents(new EventPublisher(publisher, connection.topology())));

      Map<String, Integer> events = new HashMap<>();
      boolean diedPartWay = false;
      boolean done = false;
      for (int attempt = 0; attempt < 80 && !done; attempt++) {
        int before = machineRows(jdbc);
        try {
          servers.refresh(work);
        } catch (RuntimeException failed) {
          assertEquals(
              GHOSTS.size(),
              jdbc.sql(
                      "SELECT COUNT(*) FROM server WHERE provider_server_id LIKE 'ghost-%' AND state = 'running'")
                  .query(Integer.class)
                  .single(),
              "a refresh that died at a page marked rows gone");
          int after = machineRows(jdbc);
          diedPartWay |= after > before && after < MACHINES;
          continue;
        }
        if (diedPartWay) {
          done = true;
        } else {
          // Got through before any refresh died part-way: start again from an empty table.
          jdbc.sql("DELETE FROM server").update();
          ghosts(jdbc, work);
          drain(connection, queue, new HashMap<>());
        }
      }
      assertTrue(done, "no refresh died part-way and then got through in 80 attempts");
      drain(connection, queue, events);

      assertEquals(MACHINES, machineRows(jdbc), "one row per machine");
      assertEquals(
          MACHINES,
          jdbc.sql(
                  "SELECT COUNT(DISTINCT provider_server_id) FROM server WHERE provider_server_id LIKE 'vm-%'")
              .query(Integer.class)
              .single());
      assertEquals(
          GHOSTS.size(),
          jdbc.sql(
                  "SELECT COUNT(*) FROM server WHERE provider_server_id LIKE 'ghost-%' AND state = 'terminated' AND state_reason = ?")
              .param(CacheReconciler.GONE_REASON)
              .query(Integer.class)
              .single(),
          "what the cloud does not list, once it was read whole, is gone with the reason");
      assertEquals(MACHINES + GHOSTS.size(), events.size(), "an event for every row");
      assertTrue(
          events.values().stream().allMatch(n -> n == 1), "a row announced twice: " + events);
      BrokerNames.deleteTopology(connection);
    } finally {
      db.close();
    }
  }

  private static int machineRows(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM server WHERE provider_server_id LIKE 'vm-%'")
        .query(Integer.class)
        .single();
  }

  /** Events by server id (the routing key's third word), counted. */
  private static void drain(AmqpConnection connection, String queue, Map<String, Integer> counts)
      throws Exception {
    try (Channel channel = connection.openChannel()) {
      GetResponse response;
      while ((response = channel.basicGet(queue, true)) != null) {
        String id = response.getEnvelope().getRoutingKey().split("\\.")[2];
        counts.merge(id, 1, Integer::sum);
      }
    }
  }

  static CacheWork region(JdbcClient jdbc, LocalCloudProcess cloud) throws IOException {
    CacheWork work = LocalRegion.register(jdbc, cloud, "sim-1", CacheKind.SERVERS);
    ghosts(jdbc, work);
    return work;
  }

  /** Rows for machines the cloud does not list: a refresh read whole marks them gone. */
  private static void ghosts(JdbcClient jdbc, CacheWork work) {
    for (String ghost : GHOSTS) {
      jdbc.sql(
              """
              INSERT INTO server (customer_id, cloud_account_id, region_id, provider_server_id,
                                  name, state)
              VALUES (?, ?, ?, ?, ?, 'running')
              """)
          .params(work.customerId(), work.cloudAccountId(), work.regionId(), ghost, ghost)
          .update();
    }
  }
}
