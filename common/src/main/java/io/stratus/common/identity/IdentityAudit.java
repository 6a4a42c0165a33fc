package io.stratus.common.identity;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity writes (users, groups, roles, rights, API keys) on the main schema's primary, each in
 * one transaction with its {@code audit_event}: actor the acting user's e-mail, source the address
 * the request came from, outcome success. Identity is not a cloud resource: the console and the API
 * write it here, not through the Dispatcher.
 */
public final class IdentityAudit {
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public IdentityAudit(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(primary));
  }

  /** Who acts, for which customer, and from where. */
  public record Actor(long customerId, long userId, String email, String address) {}

  /** What was done: the audit event's action, resource and detail. */
  public record Event(String action, String resourceType, Object resourceId, String detail) {}

  /** The primary: statements run here inside {@link #write} join its transaction. */
  public JdbcClient jdbc() {
    return jdbc;
  }

  /** Runs the work and records the event it returns, in one transaction. */
  public <T> T write(Actor actor, Supplier<Written<T>> work) {
    return tx.execute(
        status -> {
          Written<T> done = work.get();
          record(actor, done.event());
          return done.result();
        });
  }

  /** A write's result and its event. */
  public record Written<T>(T result, Event event) {}

  /** Runs the work and records the event, in one transaction. */
  public void write(Actor actor, Event event, Runnable work) {
    write(
        actor,
        () -> {
          work.run();
          return new Written<>(null, event);
        });
  }

  private void record(Actor actor, Event event) {
    jdbc.sql(
            """
            INSERT INTO audit_event (customer_id, actor_user_id, actor, action, resource_type,
                                     resource_id, source_address, outcome, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'success', ?)
            """)
        .params(
            actor.customerId(),
            actor.userId(),
            cut(actor.email(), 254),
            event.action(),
            event.resourceType(),
            event.resourceId() == null ? null : cut(event.resourceId().toString(), 200),
            cut(actor.address(), 64),
            cut(event.detail(), 2000))
        .update();
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
