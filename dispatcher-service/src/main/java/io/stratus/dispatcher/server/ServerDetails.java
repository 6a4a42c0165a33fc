package io.stratus.dispatcher.server;

import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.action.AuditLog;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Stratus alone knows of a server, changed without asking the cloud: its name and description
 * (enStratus' {@code describeServer}) and its owning group ({@code assignGroups}). Each change is
 * one transaction with its audit event; no job, since nothing runs.
 */
public final class ServerDetails {
  /** {@code {"name":..., "description":...}}: either may be left out. */
  public record Description(String name, String description) {}

  /** {@code {"groupId": N}}. */
  public record Group(Long groupId) {}

  private final Resources resources;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;

  public ServerDetails(Resources resources, AuditLog audit, TransactionTemplate transactions) {
    this.resources = resources;
    this.audit = audit;
    this.transactions = transactions;
    this.jdbc = resources.jdbc();
  }

  /**
   * Renames the server and/or changes its description ({@code ""} removes it); answers them.
   *
   * @throws DispatchException 400 for neither or a malformed value; 404 for another's server
   */
  public Map<String, Object> describe(Actor actor, long serverId, String name, String description) {
    if (name == null && description == null) {
      throw DispatchException.badRequest("describeServer takes a name, a description or both");
    }
    String newName = name == null ? null : Checks.name(name, "name");
    if (description != null && description.length() > 1000) {
      throw DispatchException.badRequest("description must be at most 1000 characters");
    }
    resources.owned("server", actor.customerId(), serverId);
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  """
                  UPDATE server SET name = COALESCE(?, name),
                         description = CASE WHEN ? THEN ? ELSE description END
                   WHERE id = ? AND customer_id = ?
                  """)
              .params(
                  newName,
                  description != null,
                  description == null || description.isBlank() ? null : description.strip(),
                  serverId,
                  actor.customerId())
              .update();
          audit.record(actor, "server.describe", "server", serverId, "changed", null);
        });
    Map<String, Object> row = resources.owned("server", actor.customerId(), serverId);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("serverId", serverId);
    view.put("name", row.get("name"));
    view.put("description", row.get("description"));
    return view;
  }

  /**
   * Makes {@code groupId} (one of the customer's groups) the server's owning group; answers it.
   *
   * @throws DispatchException 404 for another's server or group
   */
  public Map<String, Object> assignGroup(Actor actor, long serverId, Long groupId) {
    long group = Checks.required(groupId, "groupId");
    resources.owned("server", actor.customerId(), serverId);
    boolean known =
        jdbc.sql("SELECT COUNT(*) FROM user_group WHERE id = ? AND customer_id = ?")
                .params(group, actor.customerId())
                .query(Long.class)
                .single()
            > 0;
    if (!known) {
      throw DispatchException.notFound("group", group);
    }
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("UPDATE server SET owner_group_id = ? WHERE id = ? AND customer_id = ?")
              .params(group, serverId, actor.customerId())
              .update();
          audit.record(
              actor, "server.assign_group", "server", serverId, "changed", "group " + group);
        });
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("serverId", serverId);
    view.put("groupId", group);
    return view;
  }
}
