package io.stratus.worker.publisher;

import io.stratus.common.cache.CacheKind;
import io.stratus.common.config.Config;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The publisher's keys in {@code etc/worker.properties}:
 *
 * <ul>
 *   <li>{@code publisher.sweep-interval} (default 1s) pause between sweeps
 *   <li>{@code publisher.batch-size} (default 1000) tasks or cache jobs published per query
 *   <li>{@code publisher.republish-after} (default 30s) publish a queued task or cache job again
 *       when it has not been picked up this long after its message (a broker may lose messages)
 *   <li>{@code cache.interval.<kind>} polling interval per kind: {@code data-centers} (1h), {@code
 *       servers} (1m), {@code images} (10m), {@code server-products} (1h), {@code volume-products}
 *       (1h), {@code volumes} (2m), {@code snapshots} (5m), {@code ip-addresses} (2m), {@code
 *       firewalls} (5m), {@code firewall-rules} (5m), {@code agent-logs} (1m); at least 1s. Any
 *       other {@code cache.interval.*} key is refused, naming the key
 * </ul>
 */
public record PublisherSettings(
    Duration sweepInterval,
    int batchSize,
    Duration republishAfter,
    Map<CacheKind, Duration> cacheIntervals) {

  private static final Map<CacheKind, Duration> DEFAULT_INTERVALS =
      Map.ofEntries(
          Map.entry(CacheKind.DATA_CENTERS, Duration.ofHours(1)),
          Map.entry(CacheKind.SERVERS, Duration.ofMinutes(1)),
          Map.entry(CacheKind.IMAGES, Duration.ofMinutes(10)),
          Map.entry(CacheKind.SERVER_PRODUCTS, Duration.ofHours(1)),
          Map.entry(CacheKind.VOLUME_PRODUCTS, Duration.ofHours(1)),
          Map.entry(CacheKind.VOLUMES, Duration.ofMinutes(2)),
          Map.entry(CacheKind.SNAPSHOTS, Duration.ofMinutes(5)),
          Map.entry(CacheKind.IP_ADDRESSES, Duration.ofMinutes(2)),
          Map.entry(CacheKind.FIREWALLS, Duration.ofMinutes(5)),
          Map.entry(CacheKind.FIREWALL_RULES, Duration.ofMinutes(5)),
          Map.entry(CacheKind.AGENT_LOGS, Duration.ofMinutes(1)));

  public PublisherSettings {
    cacheIntervals = Map.copyOf(cacheIntervals);
  }

  public static PublisherSettings from(Config config) {
    Duration sweep = config.getDuration("publisher.sweep-interval", Duration.ofSeconds(1));
    if (sweep.toMillis() < 10 || sweep.toMinutes() > 10) {
      throw config.error("publisher.sweep-interval", "must be between 10ms and 10m");
    }
    int batch = config.getInt("publisher.batch-size", 1000);
    if (batch < 1 || batch > 100_000) {
      throw config.error("publisher.batch-size", "must be between 1 and 100000");
    }
    Duration republish = config.getDuration("publisher.republish-after", Duration.ofSeconds(30));
    if (republish.compareTo(sweep) <= 0) {
      throw config.error(
          "publisher.republish-after", "must be longer than publisher.sweep-interval");
    }
    Map<CacheKind, Duration> intervals = new EnumMap<>(CacheKind.class);
    for (CacheKind kind : CacheKind.values()) {
      String key = "cache.interval." + kind.key();
      Duration interval = config.getDuration(key, DEFAULT_INTERVALS.get(kind));
      if (interval.toMillis() < 1000) {
        throw config.error(key, "must be at least 1s");
      }
      intervals.put(kind, interval);
    }
    return new PublisherSettings(sweep, batch, republish, intervals);
  }
}
