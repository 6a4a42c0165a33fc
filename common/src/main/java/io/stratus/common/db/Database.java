package io.stratus.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The connection pools of one schema: a HikariCP pool for the primary and one per read replica.
 *
 * <p>{@link #primary()} is where every write goes. {@link #reads()} spreads plain reads over the
 * replicas (round robin), falling back to the primary when none is configured. {@link #routing()}
 * is what transactional services use: it sends a transaction marked read-only to a replica and
 * every other one to the primary, so a write can never reach a replica.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource primary;
  private final List<HikariDataSource> replicas;
  private final DataSource reads;
  private final DataSource routing;

  private Database(HikariDataSource primary, List<HikariDataSource> replicas) {
    this.primary = primary;
    this.replicas = List.copyOf(replicas);
    this.reads = replicas.isEmpty() ? primary : new RoundRobinDataSource(this.replicas);
    LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(primary);
    proxy.setReadOnlyDataSource(reads);
    this.routing = proxy;
  }

  /**
   * Opens the pools. The primary is reached once here, so a wrong URL or password fails start-up
   * with the pool's message rather than at the first request. A database that does not answer
   * (restarting, or too slow to finish the handshake) is tried again until {@code startup-timeout}:
   * a component started alongside its database waits for it instead of dying.
   */
  public static Database open(DatabaseSettings settings, String poolName) {
    HikariDataSource primary =
        pool(poolName + "-primary", settings.url(), settings.user(), settings, settings.poolSize());
    List<HikariDataSource> replicas = new ArrayList<>();
    try {
      int n = 0;
      for (String url : settings.replicaUrls()) {
        HikariConfig config = poolConfig(poolName + "-replica-" + n++, url, settings);
        config.setUsername(settings.replicaUser());
        config.setPassword(settings.replicaPassword().reveal());
        config.setMaximumPoolSize(settings.replicaPoolSize());
        config.setReadOnly(true);
        replicas.add(open(config, settings));
      }
    } catch (RuntimeException e) {
      replicas.forEach(HikariDataSource::close);
      primary.close();
      throw e;
    }
    log.info(
        "Database pools open: primary {} ({} connections), {} read replica(s)",
        DatabaseSettings.redact(settings.url()),
        settings.poolSize(),
        replicas.size());
    return new Database(primary, replicas);
  }

  /** The primary: every write, and reads that must see the latest write. */
  public DataSource primary() {
    return primary;
  }

  /** Replicas (round robin) or the primary if there are none; never for writes. */
  public DataSource reads() {
    return reads;
  }

  /** Routes read-only transactions to {@link #reads()}, everything else to the primary. */
  public DataSource routing() {
    return routing;
  }

  public boolean hasReplicas() {
    return !replicas.isEmpty();
  }

  @Override
  public void close() {
    replicas.forEach(HikariDataSource::close);
    primary.close();
  }

  private static HikariDataSource pool(
      String name, String url, String user, DatabaseSettings settings, int size) {
    HikariConfig config = poolConfig(name, url, settings);
    config.setUsername(user);
    config.setPassword(settings.password().reveal());
    config.setMaximumPoolSize(size);
    return open(config, settings);
  }

  private static HikariDataSource open(HikariConfig config, DatabaseSettings settings) {
    long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
    while (true) {
      try {
        return new HikariDataSource(config);
      } catch (PoolInitializationException e) {
        if (!unreachable(e) || System.nanoTime() > deadline) {
          throw e;
        }
        log.warn(
            "{}: the database does not answer yet ({}); trying again",
            config.getPoolName(),
            e.getCause().getMessage().lines().findFirst().orElse(""));
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Whether the pool failed for want of an answer (SQL state class 08), not for a refusal. */
  private static boolean unreachable(PoolInitializationException e) {
    return e.getCause() instanceof SQLException sql
        && sql.getSQLState() != null
        && sql.getSQLState().startsWith("08");
  }

  private static HikariConfig poolConfig(String name, String url, DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url);
    config.setConnectionTimeout(settings.connectTimeout().toMillis());
    config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
    config.setMinimumIdle(1);
    config.addDataSourceProperty("cachePrepStmts", "true");
    config.addDataSourceProperty("prepStmtCacheSize", "250");
    config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
    config.addDataSourceProperty("useServerPrepStmts", "true");
    config.addDataSourceProperty("rewriteBatchedStatements", "true");
    // The driver tracks autocommit and isolation itself instead of asking the server: saves the
    // round trips Spring's transactions would make around every short transaction.
    config.addDataSourceProperty("useLocalSessionState", "true");
    config.addDataSourceProperty("connectionTimeZone", "UTC");
    config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
    return config;
  }
}
