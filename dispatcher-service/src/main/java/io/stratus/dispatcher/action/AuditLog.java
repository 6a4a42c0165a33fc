package io.stratus.dispatcher.action;

import io.stratus.dispatcher.access.Actor;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code audit_event} table: who asked for what, from where, with what outcome. */
public final class AuditLog {
  private final JdbcClient jdbc;

  public AuditLog(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /** Writes one event, in the caller's transaction when there is one. */
  public void record(
      Actor actor,
      String action,
      String resourceType,
      Object resourceId,
      String outcome,
      String detail) {
    jdbc.sql(
            """
            INSERT INTO audit_event (customer_id, actor_user_id, actor, action, resource_type,
                                     resource_id, source_address, outcome, detail)
            VALUES (:customer, :user, :actor, :action, :type, :resource, :address, :outcome, :detail)
            """)
        .param("customer", actor.customerId())
        .param("user", actor.userId())
        .param("actor", actor.auditName())
        .param("action", action)
        .param("type", resourceType)
        .param("resource", resourceId == null ? null : String.valueOf(resourceId))
        .param("address", actor.address())
        .param("outcome", outcome)
        .param(
            "detail",
            detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000))
        .update();
  }
}
