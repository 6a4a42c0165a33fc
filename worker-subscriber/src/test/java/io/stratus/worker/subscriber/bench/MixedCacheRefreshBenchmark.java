package io.stratus.worker.subscriber.bench;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.ComputeServices;
import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.config.Config;
import io.stratus.common.db.Database;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.publisher.WorkerPublisher;
import io.stratus.worker.subscriber.WorkerSubscriber;
import io.stratus.worker.subscriber.support.LocalRegion;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mixed cache refresh at scale (see docs/benchmarks.md): a simulated region of the local cloud
 * seeded with 100,000 resources of every kind (by default 50,000 VMs, 15,000 volumes, 10,000
 * snapshots, 10,000 addresses, 3,000 firewalls with 4 rules each, besides the catalogue's images
 * and products and the two data centres), refreshed through the real path: the worker publisher
 * publishes every kind's cache job over RabbitMQ and a worker subscriber (4 cache jobs at once)
 * reconciles each through the one {@code CacheReconciler}. Timed from the moment every kind is made
 * due until every kind has completed, the firewall rules made due as soon as their firewalls are in
 * (rules follow their firewalls), then the row counts checked. Three rounds: the first inserts
 * everything, the second finds nothing changed, the third finds 1 % of each kind changed or gone.
 *
 * <p>Argument: the scale, 1.0 for 100,000 resources. Needs the MySQL and RabbitMQ the integration
 * tests use; cleans up the local cloud daemon, the test schema and the broker names it made.
 */
public final class MixedCacheRefreshBenchmark {
  private static final String REGION = "sim-1";
  private static final long TARGET_MILLIS = 10_000;
  private static final Set<CacheKind> CLOUD_KINDS =
      EnumSet.complementOf(EnumSet.of(CacheKind.AGENT_LOGS));

  private MixedCacheRefreshBenchmark() {}

  public static void main(String[] args) throws Exception {
    double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    int vms = (int) (50_000 * scale);
    int volumes = (int) (15_000 * scale);
    int snapshots = (int) (10_000 * scale);
    int ips = (int) (10_000 * scale);
    int firewalls = (int) (3_000 * scale);
    int rulesEach = 4;
    int total = vms + volumes + snapshots + ips + firewalls * (1 + rulesEach);
    List<String> figures = new ArrayList<>();
    TestDatabase db = TestServices.newDatabase("mixedbench");
    TestBroker broker = TestServices.broker();
    String prefix = broker.uniqueName("mixedbench");
    try (Database database = StratusSchema.open(db);
        LocalCloudProcess cloud =
            LocalCloudProcess.start(
                Files.createTempDirectory("mixedbench-"),
                String.join(
                    "\n",
                    "regions=" + REGION,
                    "region." + REGION + ".mode=simulated",
                    "region." + REGION + ".boot-time=0ms",
                    "region." + REGION + ".seed-vms=" + vms,
                    "region." + REGION + ".seed-volumes=" + volumes,
                    "region." + REGION + ".seed-snapshots=" + snapshots,
                    "region." + REGION + ".seed-ips=" + ips,
                    "region." + REGION + ".seed-firewalls=" + firewalls,
                    "region." + REGION + ".seed-rules-per-firewall=" + rulesEach,
                    ""))) {
      JdbcClient jdbc = JdbcClient.create(database.primary());
      long regionId = LocalRegion.register(jdbc, cloud, REGION, CacheKind.SERVERS).regionId();
      Config config = BenchWorkers.config(db, broker, prefix);
      BenchWorkers.addWork(jdbc, regionId, CLOUD_KINDS);
      WorkerSubscriber subscriber = LocalRegion.subscriber(config, db, broker, prefix, cloud);
      try (CloudProvider provider = cloud.provider(REGION);
          WorkerPublisher publisher = new WorkerPublisher(config);
          WorkerSubscriber running = subscriber) {
        running.start();
        publisher.start();
        Thread.sleep(2000);

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("server", vms);
        expected.put("volume", volumes);
        expected.put("snapshot", snapshots);
        expected.put("ip_address", ips);
        expected.put("firewall", firewalls);
        expected.put("firewall_rule", firewalls * rulesEach);

        long first = refreshAll(jdbc, regionId);
        check(jdbc, expected, "live");
        figures.add(
            figure("first refresh: " + String.format("%,d", total) + " rows inserted", first));

        long second = refreshAll(jdbc, regionId);
        check(jdbc, expected, "live");
        figures.add(figure("second refresh: nothing changed", second));

        // 1 % of every kind changed or gone outside Stratus.
        ComputeServices compute = provider.compute().orElseThrow();
        var servers = compute.virtualMachines().orElseThrow();
        var vmIds =
            jdbc.sql("SELECT provider_server_id FROM server ORDER BY id LIMIT ?")
                .param(vms / 100)
                .query(String.class)
                .list();
        vmIds.forEach(servers::stop);
        List<Snapshot> allSnapshots = compute.snapshots().orElseThrow().list();
        for (int i = 0; i < snapshots / 100; i++) {
          compute.snapshots().orElseThrow().remove(allSnapshots.get(i).id());
        }
        var addresses = provider.network().orElseThrow().ipAddresses().orElseThrow();
        List<IpAddress> allIps = addresses.list();
        for (int i = 0; i < ips / 100; i++) {
          addresses.release(allIps.get(i).id());
        }
        long third = refreshAll(jdbc, regionId);
        expected.put("snapshot", snapshots - snapshots / 100);
        expected.put("ip_address", ips - ips / 100);
        check(jdbc, expected, "live");
        int stopped =
            jdbc.sql("SELECT COUNT(*) FROM server WHERE state = 'stopped'")
                .query(Integer.class)
                .single();
        if (stopped != vms / 100) {
          throw new IllegalStateException(stopped + " servers stopped, not " + vms / 100);
        }
        figures.add(
            figure(
                "third refresh: "
                    + vms / 100
                    + " VMs stopped, "
                    + snapshots / 100
                    + " snapshots and "
                    + ips / 100
                    + " addresses gone",
                third));
      } finally {
        LocalRegion.deleteTopology(broker, prefix);
      }
    } finally {
      db.close();
    }
    System.out.printf(
        "%nMixed cache refresh of %,d simulated resources, every kind (made due → every kind"
            + " completed; row counts checked after)%n",
        total);
    figures.forEach(f -> System.out.println("  " + f));
  }

  /**
   * Makes every cloud kind due, and the firewall rules again as soon as the firewalls are in;
   * returns the nanoseconds until every kind has completed a poll started after that.
   */
  private static long refreshAll(JdbcClient jdbc, long regionId) throws InterruptedException {
    LocalDateTime since = jdbc.sql("SELECT NOW(3)").query(LocalDateTime.class).single();
    long start = System.nanoTime();
    jdbc.sql(
            "UPDATE cache_work SET next_due_at = NOW(3) WHERE region_id = ? AND kind <> 'firewall-rules' AND kind <> 'agent-logs'")
        .param(regionId)
        .update();
    boolean rulesDue = false;
    while (true) {
      Map<String, LocalDateTime> polled = new LinkedHashMap<>();
      jdbc.sql(
              "SELECT kind, last_polled_at, consecutive_failures, last_error FROM cache_work WHERE region_id = ?")
          .param(regionId)
          .query(
              rs -> {
                if (rs.getInt("consecutive_failures") > 0) {
                  throw new IllegalStateException(
                      rs.getString("kind") + " refresh failed: " + rs.getString("last_error"));
                }
                polled.put(
                    rs.getString("kind"), rs.getObject("last_polled_at", LocalDateTime.class));
              });
      boolean firewallsDone = after(polled.get("firewalls"), since);
      if (firewallsDone && !rulesDue) {
        jdbc.sql(
                "UPDATE cache_work SET next_due_at = NOW(3) WHERE region_id = ? AND kind = 'firewall-rules'")
            .param(regionId)
            .update();
        rulesDue = true;
      }
      boolean all = true;
      for (CacheKind kind : CLOUD_KINDS) {
        all &=
            after(polled.get(kind.key()), since) && (kind != CacheKind.FIREWALL_RULES || rulesDue);
      }
      if (all) {
        long elapsed = System.nanoTime() - start;
        StringBuilder line = new StringBuilder("  kinds completed (s after made due):");
        polled.forEach(
            (kind, at) -> {
              if (!"agent-logs".equals(kind)) {
                line.append(
                    String.format(
                        Locale.ROOT,
                        " %s %.2f",
                        kind,
                        java.time.Duration.between(since, at).toMillis() / 1000.0));
              }
            });
        System.out.println(line);
        return elapsed;
      }
      if (System.nanoTime() - start > 600_000_000_000L) {
        throw new IllegalStateException("the refresh did not finish within ten minutes: " + polled);
      }
      Thread.sleep(10);
    }
  }

  private static boolean after(LocalDateTime polled, LocalDateTime since) {
    return polled != null && polled.isAfter(since);
  }

  private static void check(JdbcClient jdbc, Map<String, Integer> expected, String what) {
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      String live =
          switch (e.getKey()) {
            case "server" -> "state <> 'terminated'";
            case "ip_address" -> "state <> 'released'";
            default -> "state <> 'deleted'";
          };
      int rows =
          jdbc.sql("SELECT COUNT(*) FROM " + e.getKey() + " WHERE " + live)
              .query(Integer.class)
              .single();
      int all = jdbc.sql("SELECT COUNT(*) FROM " + e.getKey()).query(Integer.class).single();
      if (rows != e.getValue()) {
        throw new IllegalStateException(
            e.getKey()
                + ": "
                + rows
                + " "
                + what
                + " rows ("
                + all
                + " in all), expected "
                + e.getValue());
      }
    }
  }

  private static String figure(String what, long nanos) {
    return String.format(
        Locale.ROOT,
        "%-70s %6.2f s (%s the 10 s target)",
        what,
        nanos / 1e9,
        nanos / 1_000_000 <= TARGET_MILLIS ? "within" : "above");
  }
}
