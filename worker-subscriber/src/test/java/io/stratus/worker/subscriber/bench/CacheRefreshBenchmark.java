package io.stratus.worker.subscriber.bench;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.cache.CacheWorkStore;
import io.stratus.common.config.Config;
import io.stratus.common.db.Database;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.publisher.WorkerPublisher;
import io.stratus.worker.subscriber.WorkerSubscriber;
import io.stratus.worker.subscriber.support.LocalRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The servers cache refresh at scale (see docs/benchmarks.md): a simulated region of the local
 * cloud seeded with 100,000 VMs, refreshed through the real path (the worker publisher publishes
 * the cache job over RabbitMQ, a worker subscriber's servers cache worker ({@code ServerKind}
 * through the shared {@code CacheReconciler}) lists every VM through the {@code local} driver and
 * reconciles the {@code server} table), timed from the moment the job is made due until the refresh
 * has completed, then checked row by row. Three refreshes: the first inserts everything, the second
 * finds nothing changed, the third finds some VMs stopped. The baseline, in the same run, is a
 * plain JDBC batch upsert ({@code INSERT ... ON DUPLICATE KEY UPDATE}, {@code
 * rewriteBatchedStatements}) of the same rows into a fresh copy of the table.
 *
 * <p>Arguments: the number of VMs (default 100000) and how many to stop before the third refresh
 * (default 1000). Needs the MySQL and RabbitMQ the integration tests use; cleans up the local cloud
 * daemon, the test schema and the broker names it made.
 */
public final class CacheRefreshBenchmark {
  private static final String REGION = "sim-1";
  private static final long TARGET_MILLIS = 10_000;

  private CacheRefreshBenchmark() {}

  /** A server row as the refresh should leave it. */
  private record Row(String name, String state, String privateIp, String publicIp) {}

  /** One measured figure for the table at the end. */
  private record Figure(String what, String value) {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int toStop = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    List<Figure> figures = new ArrayList<>();
    TestDatabase db = TestServices.newDatabase("cachebench");
    TestBroker broker = TestServices.broker();
    String prefix = broker.uniqueName("cachebench");
    Path dir = Files.createTempDirectory("cachebench-");
    try (Database database = StratusSchema.open(db);
        LocalCloudProcess cloud =
            LocalCloudProcess.start(
                dir,
                "regions="
                    + REGION
                    + "\nregion."
                    + REGION
                    + ".mode=simulated\nregion."
                    + REGION
                    + ".boot-time=0ms\nregion."
                    + REGION
                    + ".seed-vms="
                    + count
                    + "\n")) {
      JdbcClient jdbc = JdbcClient.create(database.primary());
      long regionId = LocalRegion.register(jdbc, cloud, REGION, CacheKind.SERVERS).regionId();
      Config config = BenchWorkers.config(db, broker, prefix);
      WorkerSubscriber subscriber = LocalRegion.subscriber(config, db, broker, prefix, cloud);
      List<Map<String, Row>> listings = new ArrayList<>();
      try (CloudProvider provider = cloud.provider(REGION);
          WorkerPublisher publisher = new WorkerPublisher(config);
          WorkerSubscriber running = subscriber) {
        VirtualMachineSupport vms =
            provider.compute().orElseThrow().virtualMachines().orElseThrow();
        long listStart = System.nanoTime();
        Map<String, Row> expected = list(vms);
        figures.add(
            new Figure(
                "list " + expected.size() + " VMs through the driver (cloud side alone)",
                seconds(System.nanoTime() - listStart)));
        if (expected.size() != count) {
          throw new IllegalStateException("the region holds " + expected.size() + " VMs");
        }
        listings.add(expected);

        // The servers work of the region exists but is not due; the benchmark makes it due. The
        // publisher adds the other kinds itself; with no refresher here they fail once, untimed.
        BenchWorkers.addWork(jdbc, regionId, List.of(CacheKind.SERVERS));
        running.start();
        publisher.start();
        Thread.sleep(2000);

        // First refresh: every VM is new.
        CacheWorkStore store = new CacheWorkStore(database.primary());
        long start = System.nanoTime();
        store.pollSoon(regionId, CacheKind.SERVERS);
        Refresh first = awaitRefresh(jdbc, regionId, start, null);
        verify(jdbc, regionId, expected);
        figures.add(refreshFigure("first refresh (inserts " + count + " rows)", first));

        // Second refresh: nothing changed in the cloud.
        start = System.nanoTime();
        store.pollSoon(regionId, CacheKind.SERVERS);
        Refresh second = awaitRefresh(jdbc, regionId, start, first.polledAt());
        verify(jdbc, regionId, expected);
        figures.add(refreshFigure("second refresh (nothing changed)", second));

        // Third refresh: some VMs stopped in the cloud since.
        List<String> ids = new ArrayList<>(expected.keySet());
        int stride = Math.max(1, ids.size() / Math.max(1, toStop));
        int stopped = 0;
        for (int i = 0; i < ids.size() && stopped < toStop; i += stride, stopped++) {
          vms.stop(ids.get(i));
        }
        Map<String, Row> afterStops = list(vms);
        listings.add(afterStops);
        start = System.nanoTime();
        store.pollSoon(regionId, CacheKind.SERVERS);
        Refresh third = awaitRefresh(jdbc, regionId, start, second.polledAt());
        verify(jdbc, regionId, afterStops);
        figures.add(refreshFigure("third refresh (" + stopped + " VMs stopped)", third));
      } finally {
        LocalRegion.deleteTopology(broker, prefix);
      }

      baseline(db, jdbc, regionId, listings, figures);
    } finally {
      db.close();
      deleteTree(dir);
    }
    print(count, figures);
  }

  /** Every VM of the region as the refresh should record it, in listing order. */
  private static Map<String, Row> list(VirtualMachineSupport vms) {
    Map<String, Row> rows = new LinkedHashMap<>();
    PageRequest request = PageRequest.first(1000);
    while (true) {
      Page<VirtualMachine> page = vms.list(VmFilter.ALL, request);
      for (VirtualMachine vm : page.items()) {
        if (vm.state() != VmState.TERMINATED) {
          rows.put(
              vm.id(),
              new Row(
                  vm.name(),
                  vm.state().name().toLowerCase(Locale.ROOT),
                  vm.privateAddress(),
                  vm.publicAddress()));
        }
      }
      if (!page.hasNext()) {
        return rows;
      }
      request = request.next(page);
    }
  }

  /**
   * One refresh as seen from outside: wall time from making it due until the completed poll was
   * seen, and the database clock's publish and completion times.
   */
  private record Refresh(long wallNanos, LocalDateTime publishedAt, LocalDateTime polledAt) {
    long publishToDoneNanos() {
      return Duration.between(publishedAt, polledAt).toNanos();
    }
  }

  /** Waits until the servers cache work was polled after {@code previous} (null: ever). */
  private static Refresh awaitRefresh(
      JdbcClient jdbc, long regionId, long startNanos, LocalDateTime previous)
      throws InterruptedException {
    long nextReport = startNanos + 10_000_000_000L;
    while (true) {
      Map<String, Object> work =
          jdbc
              .sql(
                  """
                  SELECT published_at, last_polled_at, last_error, consecutive_failures
                    FROM cache_work WHERE region_id = ? AND kind = 'servers'
                  """)
              .param(regionId)
              .query()
              .listOfRows()
              .stream()
              .findFirst()
              .orElse(Map.of());
      long now = System.nanoTime();
      LocalDateTime polled = (LocalDateTime) work.get("last_polled_at");
      if (polled != null && (previous == null || polled.isAfter(previous))) {
        return new Refresh(now - startNanos, (LocalDateTime) work.get("published_at"), polled);
      }
      Object failures = work.get("consecutive_failures");
      if (failures != null && ((Number) failures).intValue() > 0) {
        throw new IllegalStateException("the servers refresh failed: " + work.get("last_error"));
      }
      if (now > nextReport) {
        long rows =
            jdbc.sql("SELECT COUNT(*) FROM server WHERE region_id = ?")
                .param(regionId)
                .query(Long.class)
                .single();
        System.out.printf(
            "  ... %s elapsed, %,d server rows so far%n", seconds(now - startNanos), rows);
        nextReport = now + 10_000_000_000L;
      }
      if (now - startNanos > 3_600_000_000_000L) {
        throw new IllegalStateException("the refresh did not finish within an hour");
      }
      Thread.sleep(20);
    }
  }

  /** The server table holds exactly the expected rows for the region. */
  private static void verify(JdbcClient jdbc, long regionId, Map<String, Row> expected) {
    Map<String, Row> actual = new HashMap<>();
    jdbc.sql(
            """
            SELECT provider_server_id, name, state, private_ip, public_ip FROM server
             WHERE region_id = ? AND state <> 'terminated'
            """)
        .param(regionId)
        .query(
            rs -> {
              actual.put(
                  rs.getString(1),
                  new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            });
    if (actual.size() != expected.size()) {
      throw new IllegalStateException(
          "expected " + expected.size() + " server rows, found " + actual.size());
    }
    for (Map.Entry<String, Row> e : expected.entrySet()) {
      if (!Objects.equals(e.getValue(), actual.get(e.getKey()))) {
        throw new IllegalStateException(
            "server "
                + e.getKey()
                + ": expected "
                + e.getValue()
                + ", found "
                + actual.get(e.getKey()));
      }
    }
  }

  /**
   * The baseline: the same rows upserted with one prepared statement in batches of 1,000 and {@code
   * rewriteBatchedStatements}, into a fresh copy of the {@code server} table (same columns and
   * keys, no foreign keys): first into the empty table, then the same rows again, then the rows
   * after the stops.
   */
  private static void baseline(
      TestDatabase db,
      JdbcClient jdbc,
      long regionId,
      List<Map<String, Row>> listings,
      List<Figure> figures)
      throws Exception {
    Map<String, Object> ids =
        jdbc.sql("SELECT customer_id, cloud_account_id FROM region WHERE id = ?")
            .param(regionId)
            .query()
            .singleRow();
    long customer = ((Number) ids.get("customer_id")).longValue();
    long account = ((Number) ids.get("cloud_account_id")).longValue();
    String url =
        db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    try (Connection c = DriverManager.getConnection(url, db.user(), db.password())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE server_baseline LIKE server");
      }
      String sql =
          """
          INSERT INTO server_baseline (customer_id, cloud_account_id, region_id,
                                       provider_server_id, name, state, private_ip, public_ip,
                                       launched_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW(3))
          ON DUPLICATE KEY UPDATE name = VALUES(name), state = VALUES(state),
                                  private_ip = VALUES(private_ip), public_ip = VALUES(public_ip)
          """;
      String[] labels = {
        "JDBC batch upsert, empty table (inserts every row)",
        "JDBC batch upsert, same rows again (nothing changed)",
        "JDBC batch upsert, rows after the stops"
      };
      List<Map<String, Row>> runs = List.of(listings.get(0), listings.get(0), listings.get(1));
      for (int run = 0; run < runs.size(); run++) {
        Map<String, Row> rows = runs.get(run);
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int inBatch = 0;
          for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row row = e.getValue();
            ps.setLong(1, customer);
            ps.setLong(2, account);
            ps.setLong(3, regionId);
            ps.setString(4, e.getKey());
            ps.setString(5, row.name());
            ps.setString(6, row.state());
            ps.setString(7, row.privateIp());
            ps.setString(8, row.publicIp());
            ps.addBatch();
            if (++inBatch == 1000) {
              ps.executeBatch();
              inBatch = 0;
            }
          }
          if (inBatch > 0) {
            ps.executeBatch();
          }
        }
        long elapsed = System.nanoTime() - start;
        long stoppedRows =
            jdbc.sql("SELECT COUNT(*) FROM server_baseline WHERE state = 'stopped'")
                .query(Long.class)
                .single();
        long total = jdbc.sql("SELECT COUNT(*) FROM server_baseline").query(Long.class).single();
        long expectedStopped =
            rows.values().stream().filter(r -> "stopped".equals(r.state())).count();
        if (total != rows.size() || stoppedRows != expectedStopped) {
          throw new IllegalStateException(
              "baseline table holds " + total + " rows, " + stoppedRows + " stopped");
        }
        figures.add(new Figure(labels[run], seconds(elapsed)));
      }
    }
  }

  private static Figure refreshFigure(String what, Refresh refresh) {
    long millis = refresh.wallNanos() / 1_000_000;
    return new Figure(
        what,
        String.format(
            Locale.ROOT,
            "%s (publish → done %s; %s the 10 s target)",
            seconds(refresh.wallNanos()),
            seconds(refresh.publishToDoneNanos()),
            millis <= TARGET_MILLIS ? "within" : "above"));
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static void print(int count, List<Figure> figures) {
    int width = figures.stream().mapToInt(f -> f.what().length()).max().orElse(10);
    System.out.printf(
        "%nServers cache refresh of %,d simulated VMs (made due → refresh completed; rows checked"
            + " after)%n",
        count);
    for (Figure f : figures) {
      System.out.printf("  %-" + width + "s  %s%n", f.what(), f.value());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
