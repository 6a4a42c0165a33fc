package io.stratus.worker.subscriber.bench;

import io.stratus.common.cache.CacheKind;
import io.stratus.common.config.Config;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The worker settings the cache benchmarks share. */
final class BenchWorkers {
  private BenchWorkers() {}

  /**
   * Publisher and subscriber settings under which only the benchmark makes cache work due: every
   * kind's interval is an hour, the publisher sweeps every 100 ms, and neither a publish nor a
   * lease lapses during a refresh, however long it takes.
   */
  static Config config(TestDatabase db, TestBroker broker, String prefix) {
    Map<String, String> values = TestServices.keys(db, broker, prefix);
    values.put("publisher.sweep-interval", "100ms");
    values.put("publisher.republish-after", "1h");
    values.put("subscriber.cache-lease", "1h");
    for (CacheKind kind : CacheKind.values()) {
      values.put("cache.interval." + kind.key(), "1h");
    }
    return Config.of("worker", values, Map.of());
  }

  /** Adds the region's work of each of {@code kinds}, due in a day: the benchmark makes it due. */
  static void addWork(JdbcClient jdbc, long regionId, Collection<CacheKind> kinds) {
    for (CacheKind kind : kinds) {
      jdbc.sql(
              """
              INSERT INTO cache_work (customer_id, cloud_account_id, region_id, kind,
                                      interval_ms, next_due_at)
              SELECT customer_id, cloud_account_id, id, ?, 3600000, NOW(3) + INTERVAL 1 DAY
                FROM region WHERE id = ?
              """)
          .params(kind.key(), regionId)
          .update();
    }
  }
}
