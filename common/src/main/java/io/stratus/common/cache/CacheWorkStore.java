package io.stratus.common.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cache work schedule in MySQL: which (account, region, kind) is due for polling, and who holds
 * it. Like tasks, a cache job's message carries only the row's id and a conditional UPDATE decides
 * who works, so publishing it twice is harmless.
 */
public final class CacheWorkStore {
  private static final RowMapper<CacheWork> MAPPER =
      (rs, row) ->
          new CacheWork(
              rs.getLong("id"),
              rs.getLong("customer_id"),
              rs.getLong("cloud_account_id"),
              rs.getLong("region_id"),
              CacheKind.fromKey(rs.getString("kind")),
              rs.getInt("consecutive_failures"));

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  private final JdbcClient jdbc;

  public CacheWorkStore(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /**
   * Makes sure every active account's every active region has one row per kind, with the given
   * polling intervals. Returns how many rows were added.
   */
  public int schedule(Map<CacheKind, Duration> intervals) {
    int added = 0;
    for (Map.Entry<CacheKind, Duration> entry : intervals.entrySet()) {
      int interval = (int) entry.getValue().toMillis();
      added +=
          jdbc.sql(
                  """
                  INSERT IGNORE INTO cache_work
                         (customer_id, cloud_account_id, region_id, kind, interval_ms)
                  SELECT r.customer_id, r.cloud_account_id, r.id, :kind, :interval
                    FROM region r JOIN cloud_account a ON a.id = r.cloud_account_id
                   WHERE a.status = 'active' AND r.status = 'active'
                  """)
              .param("kind", entry.getKey().key())
              .param("interval", interval)
              .update();
      jdbc.sql(
              "UPDATE cache_work SET interval_ms = :interval WHERE kind = :kind AND interval_ms <> :interval")
          .param("kind", entry.getKey().key())
          .param("interval", interval)
          .update();
    }
    return added;
  }

  /**
   * Items due for polling that nobody holds and whose job was not yet published for this round (or
   * was published longer ago than {@code republishAfter}, in case the message was lost).
   */
  public List<CacheWork> findDue(int limit, Duration republishAfter) {
    return jdbc.sql(
            """
            SELECT w.id, w.customer_id, w.cloud_account_id, w.region_id, w.kind,
                   w.consecutive_failures
              FROM cache_work w JOIN cloud_account a ON a.id = w.cloud_account_id
             WHERE a.status = 'active' AND w.next_due_at <= NOW(3)
               AND (w.lease_expires_at IS NULL OR w.lease_expires_at < NOW(3))
               AND (w.published_at IS NULL OR w.published_at < w.next_due_at
                    OR w.published_at < DATE_SUB(NOW(3), INTERVAL :micros MICROSECOND))
             ORDER BY w.next_due_at
             LIMIT :limit
            """)
        .param("micros", republishAfter.toNanos() / 1000)
        .param("limit", limit)
        .query(MAPPER)
        .list();
  }

  public void markPublished(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("UPDATE cache_work SET published_at = NOW(3) WHERE id IN (:ids)")
          .param("ids", ids)
          .update();
    }
  }

  /** Takes the item for {@code leaseTime} if it is due and free. */
  public Optional<CacheLease> claim(long id, String owner, Duration leaseTime) {
    int updated =
        jdbc.sql(
                """
                UPDATE cache_work
                   SET lease_owner = :owner,
                       lease_expires_at = DATE_ADD(NOW(3), INTERVAL :micros MICROSECOND)
                 WHERE id = :id AND next_due_at <= NOW(3)
                   AND (lease_expires_at IS NULL OR lease_expires_at < NOW(3))
                """)
            .param("owner", owner)
            .param("micros", leaseTime.toNanos() / 1000)
            .param("id", id)
            .update();
    if (updated == 0) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            SELECT id, customer_id, cloud_account_id, region_id, kind, consecutive_failures
              FROM cache_work WHERE id = ? AND lease_owner = ?
            """)
        .param(id)
        .param(owner)
        .query(MAPPER)
        .optional()
        .map(work -> new CacheLease(work, owner));
  }

  /** Polled and reconciled: due again one interval from now; the lease is released. */
  public boolean complete(CacheLease lease) {
    return jdbc.sql(
                """
                UPDATE cache_work
                   SET lease_owner = NULL, lease_expires_at = NULL, last_polled_at = NOW(3),
                       last_error = NULL, consecutive_failures = 0,
                       next_due_at = DATE_ADD(NOW(3), INTERVAL interval_ms * 1000 MICROSECOND)
                 WHERE id = :id AND lease_owner = :owner
                """)
            .param("id", lease.work().id())
            .param("owner", lease.owner())
            .update()
        == 1;
  }

  /** Polling failed: due again after a backoff that doubles per consecutive failure. */
  public boolean failed(CacheLease lease, String reason) {
    int failures = lease.work().failures() + 1;
    return jdbc.sql(
                """
                UPDATE cache_work
                   SET lease_owner = NULL, lease_expires_at = NULL, last_error = :reason,
                       consecutive_failures = :failures,
                       next_due_at = DATE_ADD(NOW(3), INTERVAL
                           LEAST(interval_ms * POW(2, :exponent), :max) * 1000 MICROSECOND)
                 WHERE id = :id AND lease_owner = :owner
                """)
            .param("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
            .param("failures", failures)
            .param("exponent", Math.min(failures, 10))
            .param("max", MAX_BACKOFF.toMillis())
            .param("id", lease.work().id())
            .param("owner", lease.owner())
            .update()
        == 1;
  }

  /** Makes an item due now (after an action changed what it watches). */
  public void pollSoon(long regionId, CacheKind kind) {
    jdbc.sql("UPDATE cache_work SET next_due_at = NOW(3) WHERE region_id = ? AND kind = ?")
        .param(regionId)
        .param(kind.key())
        .update();
  }
}
