package io.stratus.worker.subscriber.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmState;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cache workers against a real local cloud (VMs are processes), MariaDB and the broker.
 * Credentials come from the cloud's own file here; in production the Key Manager supplies them.
 */
class CacheRefreshersIT {
  private static TestDatabase db;
  private static Database database;
  private static LocalCloudProcess cloud;
  private static AmqpConnection connection;
  private static ConfirmingPublisher publisher;
  private static CacheReconciler<VirtualMachine> refresher;
  private static VirtualMachineSupport vms;
  private static CacheWork work;
  private static JdbcClient jdbc;
  private static String eventQueue;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestServices.newDatabase("servercache");
    database = StratusSchema.open(db);
    jdbc = JdbcClient.create(database.primary());
    cloud =
        LocalCloudProcess.start(
            Files.createTempDirectory("servercache-"),
            "regions=local-1\nregion.local-1.mode=process\n");
    vms = cloud.provider("local-1").compute().orElseThrow().virtualMachines().orElseThrow();
    work = LocalRegion.register(jdbc, cloud, "local-1", CacheKind.SERVERS);

    var broker = TestServices.broker();
    connection =
        AmqpConnection.open(AmqpSettings.of(broker.uri(), broker.uniqueName("servercache")), "it");
    publisher = new ConfirmingPublisher(connection);
    try (Channel channel = connection.openChannel()) {
      eventQueue = channel.queueDeclare().getQueue();
      channel.queueBind(eventQueue, connection.topology().eventsExchange(), "server.#");
    }
    refresher =
        new CacheReconciler<>(
            new ServerKind(),
            database.primary(),
            new CloudConnector(database.primary(), LocalRegion.credentials(cloud)),
            new CacheEvents(new EventPublisher(publisher, connection.topology())));
  }

  @AfterAll
  static void tearDown() {
    cloud.close();
    publisher.close();
    BrokerNames.deleteTopology(connection);
    connection.close();
    database.close();
    db.close();
  }

  private static Map<String, Object> row(String providerId) {
    return jdbc.sql(
            "SELECT state, private_ip, state_reason FROM server WHERE provider_server_id = ?")
        .param(providerId)
        .query()
        .singleRow();
  }

  private static VirtualMachine await(String id, VmState state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      VirtualMachine vm = vms.get(id).orElseThrow();
      if (vm.state() == state) {
        return vm;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " never " + state);
  }

  @Test
  void shouldAdoptALaunchsPendingRowByItsClientTokenInsteadOfAddingASecond() throws Exception {
    String token = java.util.UUID.randomUUID().toString();
    jdbc.sql(
            """
            INSERT INTO server (customer_id, cloud_account_id, region_id, name, state, client_token)
            VALUES (?, ?, ?, 'ours', 'pending', ?)
            """)
        .params(work.customerId(), work.cloudAccountId(), work.regionId(), token)
        .update();
    VirtualMachine vm =
        vms.launch(VmLaunchOptions.of("img-sleep", "small", "ours").withClientToken(token));

    refresher.refresh(work);

    Map<String, Object> adopted =
        jdbc.sql("SELECT provider_server_id, state FROM server WHERE client_token = ?")
            .param(token)
            .query()
            .singleRow();
    assertEquals(vm.id(), adopted.get("provider_server_id"));
    assertEquals(
        1,
        jdbc.sql("SELECT COUNT(*) FROM server WHERE provider_server_id = ?")
            .param(vm.id())
            .query(Integer.class)
            .single(),
        "one row for the launch, not a second one for the machine");

    // Leave nothing behind for the other tests: no machine, no row to follow, no events.
    vms.terminate(vm.id());
    await(vm.id(), VmState.TERMINATED);
    refresher.refresh(work);
    try (Channel channel = connection.openChannel()) {
      channel.queuePurge(eventQueue);
    }
  }

  @Test
  void shouldPickUpAVmLaunchedOutsideStratusAndFollowItUntilItIsGone() throws Exception {
    VirtualMachine vm = vms.launch(VmLaunchOptions.of("img-sleep", "small", "rogue"));
    VirtualMachine running = await(vm.id(), VmState.RUNNING);

    refresher.refresh(work);
    assertEquals("running", row(vm.id()).get("state"));
    assertEquals(running.privateAddress(), row(vm.id()).get("private_ip"));
    java.time.Instant launched =
        jdbc.sql("SELECT launched_at FROM server WHERE provider_server_id = ?")
            .param(vm.id())
            .query(java.sql.Timestamp.class)
            .single()
            .toInstant();
    // The row keeps the cloud's creation time to the second (the driver drops the milliseconds).
    assertTrue(
        Math.abs(Duration.between(running.createdAt(), launched).toMillis()) < 1000,
        "launched_at " + launched + " is the cloud's creation time " + running.createdAt());

    ProcessHandle process =
        cloud.vmProcesses().stream()
            .filter(h -> h.info().command().orElse("").endsWith("sleep"))
            .findFirst()
            .orElseThrow();
    process.destroyForcibly();
    await(vm.id(), VmState.STOPPED);
    refresher.refresh(work);
    assertEquals("stopped", row(vm.id()).get("state"));
    assertTrue(String.valueOf(row(vm.id()).get("state_reason")).contains("exited"));

    vms.terminate(vm.id());
    refresher.refresh(work);
    assertEquals("terminated", row(vm.id()).get("state"));

    int unchanged = jdbc.sql("SELECT COUNT(*) FROM server").query(Integer.class).single();
    refresher.refresh(work);
    assertEquals(unchanged, jdbc.sql("SELECT COUNT(*) FROM server").query(Integer.class).single());

    try (Channel channel = connection.openChannel()) {
      long events = channel.messageCount(eventQueue);
      assertEquals(3, events, "running, stopped and terminated events");
    }
  }

  @Test
  void shouldDiscoverTheRegionsDataCentresAndRetireVanishedOnes() throws Exception {
    jdbc.sql(
            "INSERT INTO data_center (customer_id, region_id, provider_dc_id, name) VALUES (?, ?, 'gone-dc', 'Gone')")
        .params(work.customerId(), work.regionId())
        .update();
    CacheReconciler<?> dataCenters =
        new CacheReconciler<>(
            new DataCenterKind(),
            database.primary(),
            new CloudConnector(database.primary(), LocalRegion.credentials(cloud)),
            new CacheEvents(new EventPublisher(publisher, connection.topology())));
    dataCenters.refresh(work);
    dataCenters.refresh(work);
    assertEquals(
        java.util.List.of("gone-dc:inactive", "local-1a:active", "local-1b:active"),
        jdbc.sql(
                "SELECT CONCAT(provider_dc_id, ':', status) FROM data_center WHERE region_id = ? ORDER BY provider_dc_id")
            .param(work.regionId())
            .query(String.class)
            .list());
  }
}
