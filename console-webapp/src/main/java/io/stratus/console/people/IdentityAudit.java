package io.stratus.console.people;

import io.stratus.common.access.Access;
import io.stratus.common.db.Database;
import io.stratus.console.signin.ConsoleUser;
import io.stratus.console.web.BadInput;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's writes of identity (users, groups, roles, rights, API keys) to the main schema's
 * primary, each in a transaction with its {@code audit_event} (actor: the signed-in user's e-mail;
 * source: the browser's address; outcome success). Identity is not a cloud resource: it is written
 * here, as the API writes API keys, not through the Dispatcher.
 */
@Component
public class IdentityAudit {
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public IdentityAudit(Database database) {
    this.jdbc = JdbcClient.create(database.primary());
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(database.primary()));
  }

  /** The primary, for writes and for reads that must see them (duplicate checks). */
  public JdbcClient jdbc() {
    return jdbc;
  }

  /** What the signed-in user did, and from where. */
  public record Actor(long customerId, long userId, String email, String address) {
    public static Actor of(Access access, ConsoleUser me, HttpServletRequest request) {
      return new Actor(access.customerId(), access.userId(), me.email(), request.getRemoteAddr());
    }
  }

  /**
   * Runs the write and records its audit event in one transaction.
   *
   * @param duplicate the message when a unique key refuses the write (a 409), or null
   */
  public <T> T write(
      Actor actor,
      String action,
      String resourceType,
      Supplier<T> work,
      java.util.function.Function<T, Object> resourceId,
      String detail,
      String duplicate) {
    try {
      return tx.execute(
          status -> {
            T result = work.get();
            record(actor, action, resourceType, resourceId.apply(result), detail);
            return result;
          });
    } catch (DuplicateKeyException e) {
      throw duplicate == null ? new BadInput("that already exists") : new Conflict(duplicate);
    }
  }

  /** As {@link #write}, for a write about a known resource. */
  public void write(
      Actor actor,
      String action,
      String resourceType,
      Object resourceId,
      String detail,
      Runnable work) {
    write(
        actor,
        action,
        resourceType,
        () -> {
          work.run();
          return Boolean.TRUE;
        },
        r -> resourceId,
        detail,
        null);
  }

  /** An INSERT's generated id. */
  public long insert(String sql, Object... params) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(key);
    return key.getKey().longValue();
  }

  public int update(String sql, Object... params) {
    return jdbc.sql(sql).params(params).update();
  }

  private void record(
      Actor actor, String action, String resourceType, Object resourceId, String detail) {
    jdbc.sql(
            """
            INSERT INTO audit_event (customer_id, actor_user_id, actor, action, resource_type,
                                     resource_id, source_address, outcome, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'success', ?)
            """)
        .params(
            actor.customerId(),
            actor.userId(),
            actor.email().length() <= 254 ? actor.email() : actor.email().substring(0, 254),
            action,
            resourceType,
            resourceId == null ? null : resourceId.toString(),
            actor.address(),
            detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000))
        .update();
  }
}
