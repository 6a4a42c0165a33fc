package io.stratus.common.task;

import io.stratus.common.registry.ComponentRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leased tasks in MySQL, the source of truth for every unit of work.
 *
 * <p>A worker {@link #claim claims} a task with one conditional UPDATE, so two workers can never
 * both own it; the lease expires, so a task whose worker died is claimed again. Finishing a task
 * needs the lease, and a lease that was lost (lapsed and reclaimed) finishes nothing. Times are the
 * database's clock, so the hosts' clocks need not agree.
 */
public final class TaskStore {
  private static final String COLUMNS =
      """
      id, kind, payload, state, attempts, max_attempts, lease_owner, lease_expires_at,
      next_attempt_at, idempotency_key, last_error, customer_id, job_id
      """;

  private final JdbcClient jdbc;
  private final RetryPolicy retryPolicy;
  private final TransactionTemplate transactions;

  public TaskStore(DataSource primary, RetryPolicy retryPolicy) {
    this.jdbc = JdbcClient.create(primary);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(primary));
    this.retryPolicy = retryPolicy;
  }

  /**
   * Stores a new task in state queued, or returns the id of the task already stored under the same
   * idempotency key.
   */
  public long enqueue(NewTask task) {
    try {
      KeyHolder keys = new GeneratedKeyHolder();
      jdbc.sql(
              """
              INSERT INTO task (kind, payload, idempotency_key, customer_id, job_id, max_attempts)
              VALUES (:kind, :payload, :key, :customer, :job, :max)
              """)
          .param("kind", task.kind())
          .param("payload", task.payload())
          .param("key", task.idempotencyKey())
          .param("customer", task.customerId())
          .param("job", task.jobId())
          .param("max", task.maxAttempts())
          .update(keys, "id");
      return keys.getKey().longValue();
    } catch (DuplicateKeyException e) {
      return jdbc.sql("SELECT id FROM task WHERE idempotency_key = ?")
          .param(task.idempotencyKey())
          .query(Long.class)
          .single();
    }
  }

  public Optional<Task> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE id = ?")
        .param(id)
        .query(TaskStore::mapTask)
        .optional();
  }

  /**
   * Takes the lease on a task if it is claimable now: queued, due for retry, or running under a
   * lapsed lease, with attempts left. Counts an attempt.
   *
   * @return the lease, or empty if another worker owns the task, it is finished or not yet due
   */
  public Optional<Lease> claim(long taskId, String owner, Duration leaseTime) {
    int updated =
        jdbc.sql(
                """
                UPDATE task
                   SET state = 'running', lease_owner = :owner, attempts = attempts + 1,
                       lease_expires_at = DATE_ADD(NOW(3), INTERVAL :micros MICROSECOND)
                 WHERE id = :id AND attempts < max_attempts
                   AND (state = 'queued'
                        OR (state = 'retry_wait' AND next_attempt_at <= NOW(3))
                        OR (state = 'running' AND lease_expires_at < NOW(3)))
                """)
            .param("owner", owner)
            .param("micros", leaseTime.toNanos() / 1000)
            .param("id", taskId)
            .update();
    if (updated == 0) {
      return Optional.empty();
    }
    Task task = find(taskId).orElseThrow();
    if (!owner.equals(task.leaseOwner())) {
      return Optional.empty();
    }
    return Optional.of(new Lease(task, owner, task.attempts(), task.leaseExpiresAt()));
  }

  /**
   * Extends a lease still held; false if it was lost. A lease that lapsed while this worker could
   * not reach the database, but that no other worker has claimed since, is still this worker's: a
   * claim and a renewal are each one conditional UPDATE, so exactly one of them wins.
   */
  public boolean renew(Lease lease, Duration leaseTime) {
    return jdbc.sql(
                """
                UPDATE task SET lease_expires_at = DATE_ADD(NOW(3), INTERVAL :micros MICROSECOND)
                 WHERE id = :id AND state = 'running' AND lease_owner = :owner
                   AND attempts = :attempt
                """)
            .param("micros", leaseTime.toNanos() / 1000)
            .param("id", lease.taskId())
            .param("owner", lease.owner())
            .param("attempt", lease.attempt())
            .update()
        == 1;
  }

  /** Marks the task done; false if the lease was lost, in which case nothing changed. */
  public boolean succeed(Lease lease) {
    return finish(lease, "succeeded", null);
  }

  /** Fails the task for good with a reason a person can act on; false if the lease was lost. */
  public boolean fail(Lease lease, String reason) {
    return finish(lease, "failed", reason);
  }

  /**
   * After a recoverable failure: schedules the next attempt with backoff, or fails the task when no
   * attempts are left.
   *
   * @return the state the task is now in ({@link TaskState#RETRY_WAIT} or {@link
   *     TaskState#FAILED}), or empty if the lease was lost
   */
  public Optional<TaskState> retryLater(Lease lease, String reason) {
    if (lease.attempt() >= lease.task().maxAttempts()) {
      String why = "gave up after " + lease.attempt() + " attempts: " + reason;
      return fail(lease, why) ? Optional.of(TaskState.FAILED) : Optional.empty();
    }
    Duration delay = retryPolicy.delay(lease.attempt());
    boolean moved =
        inTransaction(
            () -> {
              int updated =
                  jdbc.sql(
                          """
                          UPDATE task
                             SET state = 'retry_wait', lease_owner = NULL, lease_expires_at = NULL,
                                 published_at = NULL, last_error = :reason,
                                 next_attempt_at = DATE_ADD(NOW(3), INTERVAL :micros MICROSECOND)
                           WHERE id = :id AND state = 'running' AND lease_owner = :owner
                             AND attempts = :attempt
                          """)
                      .param("reason", truncate(reason))
                      .param("micros", delay.toNanos() / 1000)
                      .param("id", lease.taskId())
                      .param("owner", lease.owner())
                      .param("attempt", lease.attempt())
                      .update();
              if (updated == 1 && lease.task().jobId() != null) {
                jdbc.sql("UPDATE job SET message = ? WHERE id = ? AND status = 'RUNNING'")
                    .params(
                        truncate("attempt " + lease.attempt() + " failed, trying again: " + reason),
                        lease.task().jobId())
                    .update();
              }
              return updated == 1;
            });
    return moved ? Optional.of(TaskState.RETRY_WAIT) : Optional.empty();
  }

  /**
   * After an outage of the platform's own parts (see {@link PlatformOutage}): the task waits for
   * its next attempt with backoff, as after a recoverable failure, but the attempt is given back,
   * so an outage delays a task and never fails it. The job's message says what it waits for.
   *
   * @return false if the lease was lost, in which case nothing changed
   */
  public boolean postpone(Lease lease, String reason) {
    Duration delay = retryPolicy.delay(lease.attempt());
    return inTransaction(
        () -> {
          int updated =
              jdbc.sql(
                      """
                      UPDATE task
                         SET state = 'retry_wait', lease_owner = NULL, lease_expires_at = NULL,
                             attempts = attempts - 1, published_at = NULL, last_error = :reason,
                             next_attempt_at = DATE_ADD(NOW(3), INTERVAL :micros MICROSECOND)
                       WHERE id = :id AND state = 'running' AND lease_owner = :owner
                         AND attempts = :attempt
                      """)
                  .param("reason", truncate(reason))
                  .param("micros", delay.toNanos() / 1000)
                  .param("id", lease.taskId())
                  .param("owner", lease.owner())
                  .param("attempt", lease.attempt())
                  .update();
          if (updated == 1 && lease.task().jobId() != null) {
            jdbc.sql("UPDATE job SET message = ? WHERE id = ? AND status = 'RUNNING'")
                .params(
                    truncate("waiting for the platform, trying again: " + reason),
                    lease.task().jobId())
                .update();
          }
          return updated == 1;
        });
  }

  /**
   * Gives a task back without using up the attempt (a worker shutting down cleanly): it is queued
   * again at once.
   */
  public boolean release(Lease lease) {
    return jdbc.sql(
                """
                UPDATE task
                   SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                       attempts = attempts - 1, published_at = NULL
                 WHERE id = :id AND state = 'running' AND lease_owner = :owner
                   AND attempts = :attempt
                """)
            .param("id", lease.taskId())
            .param("owner", lease.owner())
            .param("attempt", lease.attempt())
            .update()
        == 1;
  }

  /**
   * Tasks whose message should be published now: queued and never published (or published longer
   * ago than {@code republishAfter}, in case the message was lost), due for retry, or running under
   * a lapsed lease. Before listing, the leases of workers known to be gone are lapsed at once (see
   * {@link #lapseLeasesOfGoneWorkers}), and tasks whose last attempt's lease lapsed are failed.
   */
  public List<Long> findDue(int limit, Duration republishAfter) {
    lapseLeasesOfGoneWorkers();
    failLostLastAttempts();
    long republishMicros = republishAfter.toNanos() / 1000;
    return jdbc.sql(
            """
            SELECT id FROM task
             WHERE (state IN ('queued', 'retry_wait') AND next_attempt_at <= NOW(3)
                    AND (published_at IS NULL
                         OR published_at < DATE_SUB(NOW(3), INTERVAL :micros MICROSECOND)))
                OR (state = 'running' AND lease_expires_at < NOW(3)
                    AND (published_at IS NULL OR published_at < lease_expires_at))
             ORDER BY id
             LIMIT :limit
            """)
        .param("micros", republishMicros)
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  /** Records that the messages of these tasks were published (and confirmed by the broker). */
  public void markPublished(Collection<Long> taskIds) {
    if (taskIds.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE task SET published_at = NOW(3) WHERE id IN (:ids)")
        .param("ids", taskIds)
        .update();
  }

  /**
   * Finishes the task and, in the same transaction, the job it belongs to: COMPLETE at 100 % when
   * it succeeded, ERROR with the reason when it failed. A job has one task, so its status follows
   * it. Both statements find their row by primary key, task first, so concurrent finishes take
   * their locks in one order and cannot deadlock each other.
   */
  private boolean finish(Lease lease, String state, String reason) {
    return inTransaction(
        () -> {
          int updated =
              jdbc.sql(
                      """
                      UPDATE task
                         SET state = :state, last_error = COALESCE(:reason, last_error),
                             lease_owner = NULL, lease_expires_at = NULL, finished_at = NOW(3)
                       WHERE id = :id AND state = 'running' AND lease_owner = :owner
                         AND attempts = :attempt
                      """)
                  .param("state", state)
                  .param("reason", reason == null ? null : truncate(reason))
                  .param("id", lease.taskId())
                  .param("owner", lease.owner())
                  .param("attempt", lease.attempt())
                  .update();
          if (updated == 1 && lease.task().jobId() != null) {
            boolean succeeded = "succeeded".equals(state);
            jdbc.sql(
                    """
                    UPDATE job
                       SET status = :status, progress = IF(:succeeded, 100, progress),
                           message = IF(:succeeded, message, :reason), completed_at = NOW(3)
                     WHERE id = :id AND status = 'RUNNING'
                    """)
                .param("status", succeeded ? "COMPLETE" : "ERROR")
                .param("succeeded", succeeded)
                .param("reason", reason == null ? null : truncate(reason))
                .param("id", lease.task().jobId())
                .update();
          }
          return updated == 1;
        });
  }

  /**
   * Lapses now the leases held by a process that the component registry knows is gone: its
   * registration is stopped (it shut down, giving up what it still held) or has missed its
   * heartbeats for {@link ComponentRegistry#STALE_AFTER} (killed, or its host lost), and no live
   * registration has the same host and pid (a lease owner is {@code host:pid}). Their tasks are
   * published and claimed again without waiting out the lease.
   */
  private void lapseLeasesOfGoneWorkers() {
    jdbc.sql(
            """
            UPDATE task t
              JOIN component_registration r ON t.lease_owner = CONCAT(r.host, ':', r.pid)
               SET t.lease_expires_at = DATE_SUB(NOW(3), INTERVAL 1000 MICROSECOND)
             WHERE t.state = 'running' AND t.lease_expires_at >= NOW(3)
               AND (r.stopped_at IS NOT NULL
                    OR r.heartbeat_at < DATE_SUB(NOW(3), INTERVAL :stale MICROSECOND))
               AND NOT EXISTS (
                   SELECT 1 FROM component_registration live
                    WHERE live.host = r.host AND live.pid = r.pid AND live.stopped_at IS NULL
                      AND live.heartbeat_at >= DATE_SUB(NOW(3), INTERVAL :stale MICROSECOND))
            """)
        .param("stale", ComponentRegistry.STALE_AFTER.toNanos() / 1000)
        .update();
  }

  /**
   * Fails the tasks whose last attempt's lease lapsed (the worker died), and their jobs, task rows
   * first as {@link #finish} takes them.
   */
  private void failLostLastAttempts() {
    List<Map<String, Object>> lost =
        jdbc.sql(
                """
                SELECT id, job_id FROM task
                 WHERE state = 'running' AND lease_expires_at < NOW(3)
                   AND attempts >= max_attempts
                """)
            .query()
            .listOfRows();
    if (lost.isEmpty()) {
      return;
    }
    List<Object> taskIds = lost.stream().map(row -> row.get("id")).toList();
    List<Object> jobIds =
        lost.stream().map(row -> row.get("job_id")).filter(Objects::nonNull).toList();
    inTransaction(
        () -> {
          jdbc.sql(
                  """
                  UPDATE task
                     SET state = 'failed', finished_at = NOW(3), lease_owner = NULL,
                         last_error = CONCAT('worker lost on the last of ', attempts, ' attempts',
                                             IFNULL(CONCAT('; before that: ', last_error), ''))
                   WHERE id IN (:ids) AND state = 'running' AND lease_expires_at < NOW(3)
                     AND attempts >= max_attempts
                  """)
              .param("ids", taskIds)
              .update();
          if (!jobIds.isEmpty()) {
            jdbc.sql(
                    """
                    UPDATE job j JOIN task t ON t.job_id = j.id
                       SET j.status = 'ERROR', j.completed_at = NOW(3),
                           j.message = CONCAT('worker lost on the last of ', t.attempts,
                                              ' attempts')
                     WHERE j.id IN (:ids) AND j.status = 'RUNNING' AND t.state = 'failed'
                    """)
                .param("ids", jobIds)
                .update();
          }
          return null;
        });
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    return transactions.execute(status -> work.get());
  }

  private static String truncate(String reason) {
    return reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
  }

  private static Task mapTask(ResultSet rs, int row) throws SQLException {
    return new Task(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("payload"),
        TaskState.fromColumn(rs.getString("state")),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        rs.getString("lease_owner"),
        instant(rs.getTimestamp("lease_expires_at")),
        instant(rs.getTimestamp("next_attempt_at")),
        rs.getString("idempotency_key"),
        rs.getString("last_error"),
        (Long) rs.getObject("customer_id", Long.class),
        (Long) rs.getObject("job_id", Long.class));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
