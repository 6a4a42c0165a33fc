package io.stratus.worker.subscriber.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.ComputeServices;
import io.stratus.cloud.spi.compute.MachineImage;
import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.network.Direction;
import io.stratus.cloud.spi.network.Firewall;
import io.stratus.cloud.spi.network.FirewallRule;
import io.stratus.cloud.spi.network.FirewallSupport;
import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressSupport;
import io.stratus.cloud.spi.network.Protocol;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.config.Config;
import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.publisher.WorkerPublisher;
import io.stratus.worker.subscriber.WorkerSubscriber;
import io.stratus.worker.subscriber.support.LocalRegion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every resource kind kept current through the whole worker path (publisher, broker, subscriber,
 * the one reconcile) against a real local cloud, MariaDB and RabbitMQ: what is made and removed
 * directly on the cloud's API, outside Stratus, reaches Stratus' rows within one polling interval,
 * with one event per change.
 */
class EveryKindCacheIT {
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  /** One interval, plus the sweep, the publish and the refresh itself. */
  private static final Duration WITHIN = INTERVAL.plusSeconds(3);

  private static TestDatabase db;
  private static TestBroker broker;
  private static String prefix;
  private static Database database;
  private static LocalCloudProcess cloud;
  private static CloudProvider provider;
  private static JdbcClient jdbc;
  private static WorkerPublisher publisher;
  private static WorkerSubscriber subscriber;
  private static AmqpConnection events;
  private static String eventQueue;
  private static long regionId;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestServices.newDatabase("everykind");
    broker = TestServices.broker();
    prefix = broker.uniqueName("everykind");
    database = StratusSchema.open(db);
    jdbc = JdbcClient.create(database.primary());
    cloud =
        LocalCloudProcess.start(
            Files.createTempDirectory("everykind-"),
            "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=0ms\n");
    provider = cloud.provider("sim-1");
    regionId = LocalRegion.register(jdbc, cloud, "sim-1", CacheKind.SERVERS).regionId();
    // A product Stratus holds that the cloud does not offer (any longer): to be retired.
    jdbc.sql(
            """
            INSERT INTO server_product (customer_id, cloud_account_id, region_id,
                                        provider_product_id, name, cpu_count, ram_mb)
            SELECT customer_id, cloud_account_id, id, 'xlarge', 'Extra large', 8, 4096
              FROM region
            """)
        .update();

    Map<String, String> values = TestServices.keys(db, broker, prefix);
    values.put("publisher.sweep-interval", "200ms");
    values.put("publisher.republish-after", "10s");
    for (CacheKind kind : CacheKind.values()) {
      values.put("cache.interval." + kind.key(), INTERVAL.toSeconds() + "s");
    }
    Config config = Config.of("worker", values, Map.of());
    events = AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "events");
    try (Channel channel = events.openChannel()) {
      events.topology().declare(channel);
      eventQueue = channel.queueDeclare().getQueue();
      for (String resource :
          List.of(
              "server",
              "data-center",
              "image",
              "server-product",
              "volume-product",
              "volume",
              "snapshot",
              "ip",
              "firewall",
              "firewall-rule")) {
        channel.queueBind(eventQueue, events.topology().eventsExchange(), resource + ".#");
      }
    }
    subscriber = LocalRegion.subscriber(config, db, broker, prefix, cloud);
    publisher = new WorkerPublisher(config);
    publisher.start();
    subscriber.start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    subscriber.close();
    publisher.close();
    provider.close();
    cloud.close();
    BrokerNames.deleteTopology(events);
    events.close();
    database.close();
    db.close();
  }

  @Test
  void shouldBringEveryKindsChangesMadeOutsideStratusInWithinOneInterval() throws Exception {
    ComputeServices compute = provider.compute().orElseThrow();
    FirewallSupport firewalls = provider.network().orElseThrow().firewalls().orElseThrow();
    IpAddressSupport ips = provider.network().orElseThrow().ipAddresses().orElseThrow();

    // The catalogue: products and images the region offers appear; one it no longer offers goes.
    within(
        "the region's products and images",
        () -> count("server_product", "status = 'active'") == 3);
    within("the volume product", () -> count("volume_product", "status = 'active'") >= 1);
    within("the built-in images", () -> count("machine_image", "state = 'active'") >= 2);
    within(
        "the product the cloud no longer offers retired",
        () ->
            "retired"
                .equals(
                    jdbc.sql(
                            "SELECT status FROM server_product WHERE provider_product_id = 'xlarge'")
                        .query(String.class)
                        .single()));
    assertEquals(
        CacheReconciler.GONE_REASON,
        jdbc.sql("SELECT state_reason FROM server_product WHERE provider_product_id = 'xlarge'")
            .query(String.class)
            .single());

    // Made outside Stratus: one of every kind, directly on the cloud's API.
    VirtualMachine vm =
        compute
            .virtualMachines()
            .orElseThrow()
            .launch(VmLaunchOptions.of("img-http", "small", "outsider"));
    MachineImage image = compute.images().orElseThrow().capture(vm.id(), "outside image");
    Volume volume = compute.volumes().orElseThrow().create("outside volume", 2, "sim-1a");
    Snapshot snapshot = compute.snapshots().orElseThrow().create(volume.id(), "outside snapshot");
    IpAddress ip = ips.request();
    Firewall firewall = firewalls.create("outside", "made on the cloud's API");
    FirewallRule rule =
        firewalls.authorize(firewall.id(), Direction.INGRESS, Protocol.TCP, 22, 22, "10.0.0.0/8");

    within("the server", () -> row("server", "provider_server_id", vm.id()) != null);
    within(
        "the image", () -> "active".equals(row("machine_image", "provider_image_id", image.id())));
    within(
        "the volume", () -> "available".equals(row("volume", "provider_volume_id", volume.id())));
    within(
        "the snapshot",
        () -> "available".equals(row("snapshot", "provider_snapshot_id", snapshot.id())));
    within("the address", () -> "available".equals(row("ip_address", "provider_ip_id", ip.id())));
    within(
        "the firewall",
        () -> "active".equals(row("firewall", "provider_firewall_id", firewall.id())));
    // Rules follow their firewall: one interval after the firewall's row at most.
    within("the rule", () -> "active".equals(row("firewall_rule", "provider_rule_id", rule.id())));

    // Changed outside Stratus: the volume attached, the address assigned.
    within(
        "the server running", () -> "running".equals(row("server", "provider_server_id", vm.id())));
    compute.volumes().orElseThrow().attach(volume.id(), vm.id(), "vdb");
    ips.assign(ip.id(), vm.id());
    long serverId =
        jdbc.sql("SELECT id FROM server WHERE provider_server_id = ?")
            .param(vm.id())
            .query(Long.class)
            .single();
    within(
        "the volume attached",
        () ->
            Long.valueOf(serverId)
                .equals(
                    jdbc.sql("SELECT server_id FROM volume WHERE provider_volume_id = ?")
                        .param(volume.id())
                        .query(Long.class)
                        .optional()
                        .orElse(null)));
    within(
        "the address assigned",
        () ->
            Long.valueOf(serverId)
                .equals(
                    jdbc.sql("SELECT server_id FROM ip_address WHERE provider_ip_id = ?")
                        .param(ip.id())
                        .query(Long.class)
                        .optional()
                        .orElse(null)));

    // Removed outside Stratus: each row marked gone, with the reason.
    firewalls.revoke(firewall.id(), rule.id());
    within(
        "the rule gone",
        () -> "deleted".equals(row("firewall_rule", "provider_rule_id", rule.id())));
    firewalls.remove(firewall.id());
    compute.snapshots().orElseThrow().remove(snapshot.id());
    compute.volumes().orElseThrow().detach(volume.id());
    compute.volumes().orElseThrow().remove(volume.id());
    ips.release(ip.id());
    compute.images().orElseThrow().remove(image.id());
    within(
        "the firewall gone",
        () -> "deleted".equals(row("firewall", "provider_firewall_id", firewall.id())));
    within(
        "the snapshot gone",
        () -> "deleted".equals(row("snapshot", "provider_snapshot_id", snapshot.id())));
    within(
        "the volume gone",
        () -> "deleted".equals(row("volume", "provider_volume_id", volume.id())));
    within(
        "the address gone", () -> "released".equals(row("ip_address", "provider_ip_id", ip.id())));
    within(
        "the image gone",
        () -> "deleted".equals(row("machine_image", "provider_image_id", image.id())));
    for (String table :
        List.of("firewall_rule", "firewall", "snapshot", "volume", "ip_address", "machine_image")) {
      String reason =
          jdbc.sql(
                  "SELECT state_reason FROM "
                      + table
                      + " WHERE state IN ('deleted', 'released') LIMIT 1")
              .query(String.class)
              .single();
      assertTrue(reason != null && !reason.isBlank(), table + " gone without a reason");
    }

    // Two more intervals: nothing more changes, so no row and no event more.
    Map<String, Integer> counts = tableCounts();
    Thread.sleep(2 * INTERVAL.toMillis() + 1000);
    assertEquals(counts, tableCounts(), "rows added by refreshes that found nothing new");
    List<String> keys = drainEvents();
    for (String resource :
        List.of("firewall-rule", "firewall", "snapshot", "volume", "ip", "image")) {
      long discovered =
          keys.stream()
              .filter(k -> k.startsWith(resource + ".") && k.endsWith(".discovered"))
              .count();
      long gone =
          keys.stream().filter(k -> k.startsWith(resource + ".") && k.endsWith(".gone")).count();
      assertEquals(1, gone, resource + ": one gone event in " + keys);
      assertTrue(discovered >= 1, resource + ": a discovered event in " + keys);
    }
    assertEquals(
        1,
        keys.stream().filter(k -> k.startsWith("server-product.") && k.endsWith(".gone")).count());
    assertEquals(
        1,
        keys.stream().filter(k -> k.startsWith("volume.") && k.endsWith(".changed")).count(),
        "one changed event for the attach: " + keys);
    assertEquals(
        1,
        keys.stream().filter(k -> k.startsWith("ip.") && k.endsWith(".changed")).count(),
        "one changed event for the assignment: " + keys);

    // And a refresh that finds nothing changed announces nothing: no kind compares unequal values.
    Thread.sleep(2 * INTERVAL.toMillis() + 1000);
    assertEquals(List.of(), drainEvents(), "events from refreshes that found nothing changed");
  }

  private static Map<String, Integer> tableCounts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (String table :
        List.of(
            "server",
            "machine_image",
            "server_product",
            "volume_product",
            "volume",
            "snapshot",
            "ip_address",
            "firewall",
            "firewall_rule",
            "data_center")) {
      counts.put(table, count(table, "TRUE"));
    }
    return counts;
  }

  private static List<String> drainEvents() throws Exception {
    List<String> keys = new ArrayList<>();
    try (Channel channel = events.openChannel()) {
      GetResponse response;
      while ((response = channel.basicGet(eventQueue, true)) != null) {
        keys.add(response.getEnvelope().getRoutingKey());
        assertTrue(new String(response.getBody(), StandardCharsets.UTF_8).contains("\"change\""));
      }
    }
    return keys;
  }

  private static int count(String table, String where) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where)
        .query(Integer.class)
        .single();
  }

  /** The row's state (or status), or null when there is no row. */
  private static String row(String table, String providerColumn, String providerId) {
    String state = table.endsWith("product") || table.equals("data_center") ? "status" : "state";
    return jdbc.sql("SELECT " + state + " FROM " + table + " WHERE " + providerColumn + " = ?")
        .param(providerId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** Waits for a condition, failing once one interval (and the refresh's own time) has passed. */
  private static void within(String what, Supplier<Boolean> condition) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(what + ": not in Stratus within " + WITHIN.toSeconds() + " s");
  }
}
