package io.stratus.console.signin;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-ins, sign-outs and refusals in the {@code audit_event} table, with the browser's address.
 */
public final class SignInAudit {
  private final JdbcClient jdbc;

  public SignInAudit(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /**
   * @param customerId the account's customer, or null for an unknown e-mail
   * @param userId the account, or null
   * @param actor the e-mail given (at most 254 characters are kept)
   */
  public void record(
      Long customerId,
      Long userId,
      String actor,
      String action,
      String address,
      String outcome,
      String detail) {
    jdbc.sql(
            """
            INSERT INTO audit_event (customer_id, actor_user_id, actor, action, resource_type,
                                     resource_id, source_address, outcome, detail)
            VALUES (?, ?, ?, ?, 'user_account', ?, ?, ?, ?)
            """)
        .params(
            customerId,
            userId,
            actor.length() <= 254 ? actor : actor.substring(0, 254),
            action,
            userId == null ? null : userId.toString(),
            address,
            outcome,
            detail)
        .update();
  }
}
