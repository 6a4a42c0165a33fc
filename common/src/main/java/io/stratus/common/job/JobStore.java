package io.stratus.common.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The {@code job} table. Jobs are created by the Dispatcher in the transaction that writes their
 * task; their end (COMPLETE or ERROR) is written by {@link io.stratus.common.task.TaskStore} in the
 * statement that finishes the task, so a job never outlives or disagrees with its task. Task
 * handlers report progress and the result's message here while they work.
 */
public final class JobStore {
  private final JdbcClient jdbc;

  public JobStore(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /** A new RUNNING job; runs in the caller's transaction when there is one. */
  public long create(
      long customerId, Long userId, String action, String resourceType, Long resourceId) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO job (customer_id, user_id, action, resource_type, resource_id)
            VALUES (:customer, :user, :action, :type, :resource)
            """)
        .param("customer", customerId)
        .param("user", userId)
        .param("action", action)
        .param("type", resourceType)
        .param("resource", resourceId)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** The customer's job {@code jobId}; empty for another customer's job or none. */
  public Optional<Job> find(long customerId, long jobId) {
    return jdbc.sql(
            """
            SELECT id, customer_id, user_id, action, status, progress, message, output,
                   resource_type, resource_id, created_at, completed_at
              FROM job WHERE id = :id AND customer_id = :customer
            """)
        .param("id", jobId)
        .param("customer", customerId)
        .query(JobStore::map)
        .optional();
  }

  /** Reports progress on a running job; a finished job is left as it ended. */
  public void progress(long jobId, int percent, String message) {
    jdbc.sql(
            """
            UPDATE job SET progress = GREATEST(progress, :progress), message = :message
             WHERE id = :id AND status = 'RUNNING'
            """)
        .param("progress", Math.max(0, Math.min(99, percent)))
        .param("message", truncate(message))
        .param("id", jobId)
        .update();
  }

  /**
   * Keeps what the job's work printed (at most {@link #MAX_OUTPUT} characters, the end kept when
   * longer); written whatever the job's status, so a failed script's output is kept too.
   */
  public void output(long jobId, String output) {
    String kept =
        output == null || output.length() <= MAX_OUTPUT
            ? output
            : "[...]\n" + output.substring(output.length() - MAX_OUTPUT + 6);
    jdbc.sql("UPDATE job SET output = :output WHERE id = :id")
        .param("output", kept)
        .param("id", jobId)
        .update();
  }

  /** The most of a job's output kept. */
  public static final int MAX_OUTPUT = 1 << 20;

  private static String truncate(String message) {
    return message == null || message.length() <= 2000
        ? message
        : message.substring(0, 1997) + "...";
  }

  private static Job map(ResultSet rs, int row) throws SQLException {
    long user = rs.getLong("user_id");
    Long userId = rs.wasNull() ? null : user;
    long resource = rs.getLong("resource_id");
    Long resourceId = rs.wasNull() ? null : resource;
    return new Job(
        rs.getLong("id"),
        rs.getLong("customer_id"),
        userId,
        rs.getString("action"),
        JobStatus.valueOf(rs.getString("status")),
        rs.getInt("progress"),
        rs.getString("message"),
        rs.getString("output"),
        rs.getString("resource_type"),
        resourceId,
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("completed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
