package io.stratus.common.registry;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Service discovery in the database: every Stratus process registers (component, host, pid,
 * version, start time) and heartbeats; one that misses its heartbeats for longer than {@code
 * staleAfter} is shown as down. The database clock decides, so hosts' clocks need not agree.
 */
public final class ComponentRegistry {
  private static final Logger log = LoggerFactory.getLogger(ComponentRegistry.class);

  /**
   * How long a process may miss its heartbeats before it is shown as down, and its task leases are
   * lapsed at once.
   */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final JdbcClient jdbc;
  private final Duration staleAfter;

  public ComponentRegistry(DataSource primary, Duration staleAfter) {
    this.jdbc = JdbcClient.create(primary);
    this.staleAfter = staleAfter;
  }

  /**
   * Registers this process and heartbeats every {@code interval} until the returned registration is
   * closed (which marks it stopped).
   */
  public Registration register(String component, String version, Duration interval) {
    String instanceId = UUID.randomUUID().toString();
    jdbc.sql(
            """
            INSERT INTO component_registration
                   (instance_id, component, host, pid, version, started_at, heartbeat_at)
            VALUES (:id, :component, :host, :pid, :version, NOW(3), NOW(3))
            """)
        .param("id", instanceId)
        .param("component", component)
        .param("host", hostName())
        .param("pid", ProcessHandle.current().pid())
        .param("version", version)
        .update();
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "registry-heartbeat");
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleWithFixedDelay(
        () -> beat(instanceId), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("Registered {} {} as {}", component, version, instanceId);
    return new Registration(instanceId, component, this, heartbeat);
  }

  /** Every process registered in the last {@code keepFor}, newest first per component. */
  public List<ComponentStatus> list(Duration keepFor) {
    return jdbc.sql(
            """
            SELECT instance_id, component, host, pid, version, started_at, heartbeat_at,
                   CASE WHEN stopped_at IS NOT NULL THEN 'STOPPED'
                        WHEN heartbeat_at < DATE_SUB(NOW(3), INTERVAL :stale MICROSECOND)
                        THEN 'DOWN' ELSE 'UP' END AS state
              FROM component_registration
             WHERE heartbeat_at >= DATE_SUB(NOW(3), INTERVAL :keep MICROSECOND)
             ORDER BY component, started_at DESC
            """)
        .param("stale", staleAfter.toNanos() / 1000)
        .param("keep", keepFor.toNanos() / 1000)
        .query(
            (rs, row) ->
                new ComponentStatus(
                    rs.getString("instance_id"),
                    rs.getString("component"),
                    rs.getString("host"),
                    rs.getLong("pid"),
                    rs.getString("version"),
                    toInstant(rs.getTimestamp("started_at")),
                    toInstant(rs.getTimestamp("heartbeat_at")),
                    ComponentState.valueOf(rs.getString("state"))))
        .list();
  }

  void beat(String instanceId) {
    try {
      jdbc.sql(
              "UPDATE component_registration SET heartbeat_at = NOW(3)"
                  + " WHERE instance_id = ? AND stopped_at IS NULL")
          .param(instanceId)
          .update();
    } catch (RuntimeException e) {
      log.warn("Registry heartbeat failed (will retry): {}", e.getMessage());
    }
  }

  void markStopped(String instanceId) {
    jdbc.sql("UPDATE component_registration SET stopped_at = NOW(3) WHERE instance_id = ?")
        .param(instanceId)
        .update();
  }

  /** This host's name as other hosts would know it. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String name = ManagementFactory.getRuntimeMXBean().getName();
      int at = name.indexOf('@');
      return at < 0 ? "unknown" : name.substring(at + 1);
    }
  }

  private static java.time.Instant toInstant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
