package io.stratus.common.identity;

import io.stratus.common.access.Access;
import io.stratus.common.access.AccessLoader;
import io.stratus.common.access.AccessRefused;
import io.stratus.common.access.Qualifier;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityAudit.Event;
import io.stratus.common.identity.IdentityAudit.Written;
import io.stratus.common.identity.IdentityException.Duplicate;
import io.stratus.common.identity.IdentityException.NotFound;
import io.stratus.common.identity.IdentityRules.Right;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * What the identity writes share: the primary's JDBC client and the audit writer, the one-row reads
 * that turn another customer's id into a {@link NotFound}, the write-with-its-event transaction,
 * and the no-escalation check ({@link #requireHeld}).
 */
abstract class IdentityStore {
  final IdentityAudit audit;
  final JdbcClient jdbc;

  IdentityStore(IdentityAudit audit) {
    this.audit = audit;
    this.jdbc = audit.jdbc();
  }

  /**
   * @throws AccessRefused unless the actor holds every one of {@code granted} with at least its
   *     qualifier (a right on {@code *} needs the same wildcard)
   */
  void requireHeld(Actor actor, List<Right> granted) {
    if (granted.isEmpty()) {
      return;
    }
    Access held = new AccessLoader(jdbc).load(actor.customerId(), actor.userId());
    for (Right right : granted) {
      Qualifier mine = held.qualifier(right.resourceType(), right.action());
      Qualifier wanted = Qualifier.valueOf(right.qualifier());
      if (mine == null || mine.compareTo(wanted) < 0) {
        throw new AccessRefused(
            "you may grant only rights you hold yourself, and you do not hold "
                + right.resourceType()
                + "/"
                + right.action()
                + "/"
                + wanted);
      }
    }
  }

  /** The rights a group of the actor's customer grants its members, through its roles. */
  List<Right> rightsOfGroup(Actor actor, long groupId) {
    return jdbc.sql(
            """
            SELECT rr.resource_type, rr.action, rr.qualifier
              FROM group_role gr JOIN role_right rr ON rr.role_id = gr.role_id
             WHERE gr.group_id = ? AND gr.customer_id = ? AND rr.customer_id = gr.customer_id
            """)
        .params(groupId, actor.customerId())
        .query((rs, n) -> new Right(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** The rights a role of the actor's customer grants. */
  List<Right> rightsOf(Actor actor, long roleId) {
    return jdbc.sql(
            "SELECT resource_type, action, qualifier FROM role_right"
                + " WHERE role_id = ? AND customer_id = ?")
        .params(roleId, actor.customerId())
        .query((rs, n) -> new Right(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  void putRight(Actor actor, long roleId, Right right) {
    update(
        "INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)"
            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE qualifier = VALUES(qualifier)",
        actor.customerId(),
        roleId,
        right.resourceType(),
        right.action(),
        right.qualifier());
  }

  <T> T write(Actor actor, Supplier<Written<T>> work) {
    return write(actor, null, work);
  }

  /** The write and its event in one transaction; a unique key's refusal is a {@link Duplicate}. */
  <T> T write(Actor actor, String duplicate, Supplier<Written<T>> work) {
    try {
      return audit.write(actor, work);
    } catch (DuplicateKeyException e) {
      throw new Duplicate(duplicate == null ? "that already exists" : duplicate);
    }
  }

  /**
   * Renames the customer's group or role {@code id} (of {@code table}, named {@code type} in
   * messages and events) or changes its description: null leaves either as it is, a blank
   * description removes it.
   */
  void updateNamed(
      Actor actor, String table, String type, long id, String name, String description) {
    String d = description == null ? null : IdentityRules.description(description);
    String n = name == null ? null : IdentityRules.label(name, "a " + type);
    write(
        actor,
        "a " + type + " named '" + n + "' already exists",
        () -> {
          Map<String, Object> row =
              one("SELECT id, name, description FROM " + table, actor, id, type);
          String newName = n == null ? (String) row.get("name") : n;
          update(
              "UPDATE " + table + " SET name = ?, description = ? WHERE id = ? AND customer_id = ?",
              newName,
              description == null ? row.get("description") : d,
              id,
              actor.customerId());
          String oldName = (String) row.get("name");
          return new Written<>(
              null,
              new Event(
                  type + ".update",
                  type,
                  id,
                  oldName.equals(newName) ? newName : oldName + " → " + newName));
        });
  }

  static Written<Void> event(
      String action, String type, long id, Map<String, Object> row, String column) {
    return new Written<>(null, new Event(action, type, id, String.valueOf(row.get(column))));
  }

  String email(Actor actor, long userId) {
    return String.valueOf(user(actor, userId).get("email"));
  }

  String groupName(Actor actor, long groupId) {
    return String.valueOf(group(actor, groupId).get("name"));
  }

  String roleName(Actor actor, long roleId) {
    return String.valueOf(role(actor, roleId).get("name"));
  }

  Map<String, Object> user(Actor actor, long id) {
    return one("SELECT id, email, status FROM user_account", actor, id, "user");
  }

  Map<String, Object> group(Actor actor, long id) {
    return one("SELECT id, name, description FROM user_group", actor, id, "group");
  }

  Map<String, Object> role(Actor actor, long id) {
    return one("SELECT id, name, description FROM role", actor, id, "role");
  }

  Map<String, Object> one(String select, Actor actor, long id, String what) {
    return jdbc
        .sql(select + " WHERE id = ? AND customer_id = ?")
        .params(id, actor.customerId())
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFound(what, id));
  }

  /** The customer's rows of a table for the ids, each once; a NotFound for any other id. */
  List<Map<String, Object>> rows(Actor actor, String table, String what, List<Long> ids) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long id : new LinkedHashSet<>(ids == null ? List.<Long>of() : ids)) {
      rows.add(one("SELECT id, name FROM " + table, actor, id, what));
    }
    return rows;
  }

  long count(String table, long roleId, Actor actor) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE role_id = ? AND customer_id = ?")
        .params(roleId, actor.customerId())
        .query(Long.class)
        .single();
  }

  long insert(String sql, Object... params) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(key);
    return key.getKey().longValue();
  }

  void update(String sql, Object... params) {
    jdbc.sql(sql).params(params).update();
  }

  /** One of the link tables between two of a customer's rows, and how its events name it. */
  enum Link {
    USER_ROLE("user_role", "user_id", "role_id", "user", "role-assign", "role-unassign", "role "),
    GROUP_MEMBER("group_member", "group_id", "user_id", "group", "member-add", "member-remove", ""),
    GROUP_ROLE(
        "group_role", "group_id", "role_id", "group", "role-assign", "role-unassign", "role ");

    final String table;
    final String left;
    final String right;
    final String type;
    final String added;
    final String removed;
    final String noun;

    Link(
        String table,
        String left,
        String right,
        String type,
        String added,
        String removed,
        String noun) {
      this.table = table;
      this.left = left;
      this.right = right;
      this.type = type;
      this.added = added;
      this.removed = removed;
      this.noun = noun;
    }
  }

  /**
   * Adds (idempotently) or removes one link between two of the customer's rows, with its event
   * ({@code user.role-assign}, {@code group.member-remove}, ...) in the same transaction.
   *
   * @param leftName reads the left row (another customer's id is a {@link NotFound}) for the event
   * @param rightName likewise for the right row
   */
  void relink(
      Actor actor,
      Link link,
      boolean add,
      long leftId,
      long rightId,
      Supplier<String> leftName,
      Supplier<String> rightName) {
    write(
        actor,
        () -> {
          String detail = leftName.get() + (add ? " +" : " -") + link.noun + rightName.get();
          update(
              add
                  ? "INSERT IGNORE INTO "
                      + link.table
                      + " (customer_id, "
                      + link.left
                      + ", "
                      + link.right
                      + ") VALUES (?, ?, ?)"
                  : "DELETE FROM "
                      + link.table
                      + " WHERE customer_id = ? AND "
                      + link.left
                      + " = ? AND "
                      + link.right
                      + " = ?",
              actor.customerId(),
              leftId,
              rightId);
          return new Written<>(
              null,
              new Event(
                  link.type + "." + (add ? link.added : link.removed), link.type, leftId, detail));
        });
  }
}
