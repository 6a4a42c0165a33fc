package io.stratus.pinger;

import com.sun.management.UnixOperatingSystemMXBean;
import io.stratus.common.config.Config;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pinger's keys in {@code etc/pinger.properties} (besides {@code db.*}, {@code amqp.*} and
 * {@code tls.*}):
 *
 * <ul>
 *   <li>{@code pinger.interval} (default 30s, 100ms..1h) how often every agent is pinged
 *   <li>{@code pinger.spread} (default half the interval) the pings of one sweep start evenly over
 *       this time instead of all at once; 0ms starts them as fast as the concurrency allows. Must
 *       be shorter than the interval; clamped (with a warning) so that the last ping can time out
 *       before the next sweep is due
 *   <li>{@code pinger.concurrency} (default 500, 1..20000) pings in flight at once, each holding
 *       one connection; clamped (with a warning) to what the process's open-file limit allows
 *   <li>{@code pinger.kept-connections} (default: as many as the open-file limit leaves after the
 *       concurrency and 256 in reserve) agents' connections kept open between pings, so a ping is
 *       one request on an established TLS connection; beyond it (or when an agent closes its
 *       connection) a ping connects anew and resumes the TLS session. 0 connects anew every time
 *   <li>{@code pinger.connect-timeout} (default 2s, 10ms..1m) for the TCP connection
 *   <li>{@code pinger.request-timeout} (default 3s, 10ms..1m) from the connection to the complete
 *       answer (TLS handshake, request, answer); with the connect timeout it must be shorter than
 *       the interval
 *   <li>{@code pinger.misses-before-unreachable} (default 3, 1..1000) consecutive misses after
 *       which a reachable (or pending) agent is marked unreachable
 *   <li>{@code pinger.batch-size} (default 500, 1..10000) outcomes written per transaction
 *   <li>{@code pinger.partitions}, {@code pinger.partition} (default 1 and 0) this pinger pings
 *       only the agents whose {@code server_id % partitions == partition}; run one pinger per
 *       partition to split the agents between hosts
 *   <li>{@code pinger.io-threads} (default the number of processors, at most 4; 1..64) selector
 *       threads, which also do the TLS work
 * </ul>
 */
public record PingerSettings(
    Duration interval,
    Duration spread,
    int concurrency,
    int keptConnections,
    Duration connectTimeout,
    Duration requestTimeout,
    int missesBeforeUnreachable,
    int batchSize,
    int partitions,
    int partition,
    int ioThreads) {

  private static final Logger log = LoggerFactory.getLogger(PingerSettings.class);

  /** File descriptors kept free for the database pool, the broker, logs and the JVM itself. */
  private static final long RESERVED_FILES = 256;

  private static final int MAX_KEPT = 1_000_000;

  public static PingerSettings from(Config config) {
    Duration interval = config.getDuration("pinger.interval", Duration.ofSeconds(30));
    if (interval.toMillis() < 100 || interval.toHours() > 1) {
      throw config.error("pinger.interval", "must be between 100ms and 1h");
    }
    Duration connect = config.getDuration("pinger.connect-timeout", Duration.ofSeconds(2));
    if (connect.toMillis() < 10 || connect.toMinutes() > 1) {
      throw config.error("pinger.connect-timeout", "must be between 10ms and 1m");
    }
    Duration request = config.getDuration("pinger.request-timeout", Duration.ofSeconds(3));
    if (request.toMillis() < 10 || request.toMinutes() > 1) {
      throw config.error("pinger.request-timeout", "must be between 10ms and 1m");
    }
    Duration longestPing = connect.plus(request);
    if (longestPing.compareTo(interval) >= 0) {
      throw config.error(
          "pinger.request-timeout",
          "plus pinger.connect-timeout ("
              + longestPing.toMillis()
              + "ms) must be shorter than pinger.interval ("
              + interval.toMillis()
              + "ms): a ping could outlast its sweep");
    }
    Duration spread = config.getDuration("pinger.spread", interval.dividedBy(2));
    if (spread.compareTo(interval) >= 0) {
      throw config.error("pinger.spread", "must be shorter than pinger.interval");
    }
    Duration room = interval.minus(longestPing);
    if (spread.compareTo(room) > 0) {
      log.warn(
          "{}: pinger.spread {}ms leaves the last ping no time to time out before the next sweep;"
              + " using {}ms",
          config.origin(),
          spread.toMillis(),
          room.toMillis());
      spread = room;
    }
    int concurrency = config.getInt("pinger.concurrency", 500);
    if (concurrency < 1 || concurrency > 20_000) {
      throw config.error("pinger.concurrency", "must be between 1 and 20000, not " + concurrency);
    }
    long files = openFileLimit();
    if (files > 0 && concurrency > files - RESERVED_FILES) {
      int clamped = (int) Math.max(1, files - RESERVED_FILES);
      log.warn(
          "{}: pinger.concurrency {} needs as many open files, but this process may open {};"
              + " using {} (raise the limit with ulimit -n)",
          config.origin(),
          concurrency,
          files,
          clamped);
      concurrency = clamped;
    }
    long spareFiles = files > 0 ? Math.max(0, files - RESERVED_FILES - concurrency) : -1;
    int defaultKept = spareFiles < 0 ? 10_000 : (int) Math.min(MAX_KEPT, spareFiles);
    int kept = config.getInt("pinger.kept-connections", defaultKept);
    if (kept < 0 || kept > MAX_KEPT) {
      throw config.error("pinger.kept-connections", "must be between 0 and " + MAX_KEPT);
    }
    if (spareFiles >= 0 && kept > spareFiles) {
      log.warn(
          "{}: pinger.kept-connections {} and pinger.concurrency {} need more open files than"
              + " this process may open ({}); keeping {} (raise the limit with ulimit -n)",
          config.origin(),
          kept,
          concurrency,
          files,
          spareFiles);
      kept = (int) spareFiles;
    }
    int misses = config.getInt("pinger.misses-before-unreachable", 3);
    if (misses < 1 || misses > 1000) {
      throw config.error("pinger.misses-before-unreachable", "must be between 1 and 1000");
    }
    int batch = config.getInt("pinger.batch-size", 500);
    if (batch < 1 || batch > 10_000) {
      throw config.error("pinger.batch-size", "must be between 1 and 10000");
    }
    int partitions = config.getInt("pinger.partitions", 1);
    if (partitions < 1 || partitions > 1024) {
      throw config.error("pinger.partitions", "must be between 1 and 1024");
    }
    int partition = config.getInt("pinger.partition", 0);
    if (partition < 0 || partition >= partitions) {
      throw config.error(
          "pinger.partition",
          "must be between 0 and pinger.partitions - 1 ("
              + (partitions - 1)
              + "), not "
              + partition);
    }
    int ioThreads =
        config.getInt("pinger.io-threads", Math.min(4, Runtime.getRuntime().availableProcessors()));
    if (ioThreads < 1 || ioThreads > 64) {
      throw config.error("pinger.io-threads", "must be between 1 and 64");
    }
    return new PingerSettings(
        interval,
        spread,
        concurrency,
        kept,
        connect,
        request,
        misses,
        batch,
        partitions,
        partition,
        ioThreads);
  }

  /** The longest one ping can take. */
  Duration longestPing() {
    return connectTimeout.plus(requestTimeout);
  }

  private static long openFileLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }
}
