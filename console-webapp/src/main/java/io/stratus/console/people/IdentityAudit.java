package io.stratus.console.people;

import io.stratus.common.access.Access;
import io.stratus.common.db.Database;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityAudit.Event;
import io.stratus.common.identity.People;
import io.stratus.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The console's identity writes on the main schema's primary: people through the shared {@link
 * People} service (as the API writes them), API keys here; each in a transaction with its {@code
 * audit_event} (actor: the signed-in user's e-mail; source: the browser's address).
 */
@Component
public class IdentityAudit {
  private final io.stratus.common.identity.IdentityAudit audit;
  private final People people;

  public IdentityAudit(Database database) {
    this.audit = new io.stratus.common.identity.IdentityAudit(database.primary());
    this.people = new People(audit);
  }

  /** Users, groups, roles and rights: the model the API shares. */
  public People people() {
    return people;
  }

  /** The primary, for writes and for reads that must see them. */
  public JdbcClient jdbc() {
    return audit.jdbc();
  }

  /** What the signed-in user does, and from where. */
  public static Actor actor(Access access, ConsoleUser me, HttpServletRequest request) {
    return new Actor(access.customerId(), access.userId(), me.email(), request.getRemoteAddr());
  }

  /** Runs the write and records its audit event, in one transaction. */
  public void write(
      Actor actor,
      String action,
      String resourceType,
      Object resourceId,
      String detail,
      Runnable work) {
    audit.write(actor, new Event(action, resourceType, resourceId, detail), work);
  }

  public int update(String sql, Object... params) {
    return audit.jdbc().sql(sql).params(params).update();
  }
}
