package io.stratus.common.identity;

import io.stratus.common.access.Access;
import io.stratus.common.access.AccessLoader;
import io.stratus.common.access.AccessRefused;
import io.stratus.common.access.Qualifier;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityAudit.Event;
import io.stratus.common.identity.IdentityAudit.Written;
import io.stratus.common.identity.IdentityException.Duplicate;
import io.stratus.common.identity.IdentityException.InUse;
import io.stratus.common.identity.IdentityException.Invalid;
import io.stratus.common.identity.IdentityException.NotFound;
import io.stratus.common.identity.IdentityRules.Right;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The customer's people, one model for the console and the API: users (created with a random
 * one-time password, kept only as its {@link Passwords#hash}), their status, password and roles;
 * groups with their members and roles; roles with their rights. Every method is scoped to the
 * actor's customer (another customer's id is a {@link NotFound}), validates with {@link
 * IdentityRules} and writes its {@code audit_event} in the same transaction ({@link
 * IdentityAudit}). Rights to manage people are the caller's to check before calling; what may be
 * granted is checked here: a user may hand out (by assigning a role, or by giving a role rights)
 * only rights it holds itself, with at least the same reach, so no one can raise their own or
 * anyone's rights above theirs ({@link AccessRefused}).
 */
public final class People {
  private final IdentityAudit audit;
  private final JdbcClient jdbc;

  public People(DataSource primary) {
    this(new IdentityAudit(primary));
  }

  public People(IdentityAudit audit) {
    this.audit = audit;
    this.jdbc = audit.jdbc();
  }

  /**
   * @throws AccessRefused unless the actor holds every one of {@code granted} with at least its
   *     qualifier (a right on {@code *} needs the same wildcard)
   */
  private void requireHeld(Actor actor, List<Right> granted) {
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
  private List<Right> rightsOfGroup(Actor actor, long groupId) {
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
  private List<Right> rightsOf(Actor actor, long roleId) {
    return jdbc.sql(
            "SELECT resource_type, action, qualifier FROM role_right"
                + " WHERE role_id = ? AND customer_id = ?")
        .params(roleId, actor.customerId())
        .query((rs, n) -> new Right(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** A user just made and its first password, to be shown once and never kept. */
  public record NewUser(long userId, String email, String password) {
    @Override
    public String toString() {
      return "NewUser[userId=" + userId + ", email=" + email + "]";
    }
  }

  /** The actor for a user of the customer, its e-mail address read from the primary. */
  public Actor actor(long customerId, long userId, String address) {
    String email =
        jdbc.sql("SELECT email FROM user_account WHERE id = ? AND customer_id = ?")
            .params(userId, customerId)
            .query(String.class)
            .optional()
            .orElseThrow(() -> new NotFound("user", userId));
    return new Actor(customerId, userId, email, address);
  }

  // Users

  /** A user with a random first password, in the groups and holding the roles given. */
  public NewUser createUser(
      Actor actor, String email, String displayName, List<Long> groups, List<Long> roles) {
    String address = IdentityRules.email(email);
    String name = IdentityRules.displayName(displayName, address);
    String duplicate = "a user with e-mail " + address + " already exists";
    if (jdbc.sql("SELECT COUNT(*) FROM user_account WHERE email = ?")
            .param(address)
            .query(Long.class)
            .single()
        > 0) {
      throw new Duplicate(duplicate);
    }
    for (long role : roles) {
      requireHeld(actor, rightsOf(actor, role));
    }
    for (long group : groups) {
      requireHeld(actor, rightsOfGroup(actor, group));
    }
    String password = Passwords.random();
    String hash = Passwords.hash(password);
    long id =
        write(
            actor,
            duplicate,
            () -> {
              List<String> detail = new ArrayList<>(List.of(address));
              List<Map<String, Object>> inGroups = rows(actor, "user_group", "group", groups);
              List<Map<String, Object>> withRoles = rows(actor, "role", "role", roles);
              long user =
                  insert(
                      "INSERT INTO user_account (customer_id, email, display_name, password_hash)"
                          + " VALUES (?, ?, ?, ?)",
                      actor.customerId(),
                      address,
                      name,
                      hash);
              for (Map<String, Object> g : inGroups) {
                update(
                    "INSERT INTO group_member (customer_id, group_id, user_id) VALUES (?, ?, ?)",
                    actor.customerId(),
                    g.get("id"),
                    user);
                detail.add("group " + g.get("name"));
              }
              for (Map<String, Object> r : withRoles) {
                update(
                    "INSERT INTO user_role (customer_id, user_id, role_id) VALUES (?, ?, ?)",
                    actor.customerId(),
                    user,
                    r.get("id"));
                detail.add("role " + r.get("name"));
              }
              return new Written<>(
                  user, new Event("user.create", "user", user, String.join(", ", detail)));
            });
    return new NewUser(id, address, password);
  }

  /** Enables or disables a user: a disabled user cannot sign in, nor use its API keys. */
  public void setStatus(Actor actor, long userId, String status) {
    String s = IdentityRules.status(status);
    if (userId == actor.userId() && s.equals("disabled")) {
      throw new Invalid("you cannot disable yourself");
    }
    write(
        actor,
        () -> {
          Map<String, Object> user = user(actor, userId);
          update(
              "UPDATE user_account SET status = ?, failed_logins = 0, locked_until = NULL"
                  + " WHERE id = ? AND customer_id = ?",
              s,
              userId,
              actor.customerId());
          return event(
              s.equals("active") ? "user.enable" : "user.disable", "user", userId, user, "email");
        });
  }

  /** A new random password for the user, returned to be shown once. */
  public String resetPassword(Actor actor, long userId) {
    String password = Passwords.random();
    String hash = Passwords.hash(password);
    write(
        actor,
        () -> {
          Map<String, Object> user = user(actor, userId);
          update(
              "UPDATE user_account SET password_hash = ?, failed_logins = 0, locked_until = NULL"
                  + " WHERE id = ? AND customer_id = ?",
              hash,
              userId,
              actor.customerId());
          return event("user.password-reset", "user", userId, user, "email");
        });
    return password;
  }

  /**
   * The actor changes its own password: the current one must match, the new one pass {@link
   * Passwords#weakness} and differ from it.
   *
   * @throws Invalid saying which rule failed (never echoing a password)
   */
  public void changeOwnPassword(Actor actor, String current, String chosen) {
    String hash =
        jdbc.sql("SELECT password_hash FROM user_account WHERE id = ? AND customer_id = ?")
            .params(actor.userId(), actor.customerId())
            .query(String.class)
            .optional()
            .orElseThrow(() -> new NotFound("user", actor.userId()));
    if (current == null || !Passwords.matches(current, hash)) {
      throw new Invalid("the current password is wrong");
    }
    String weakness = Passwords.weakness(chosen, actor.email());
    if (weakness != null) {
      throw new Invalid(weakness);
    }
    if (chosen.equals(current)) {
      throw new Invalid("the new password must differ from the current one");
    }
    String newHash = Passwords.hash(chosen);
    write(
        actor,
        () -> {
          update(
              "UPDATE user_account SET password_hash = ? WHERE id = ? AND customer_id = ?",
              newHash,
              actor.userId(),
              actor.customerId());
          return new Written<>(
              null, new Event("user.password-change", "user", actor.userId(), actor.email()));
        });
  }

  public void assignUserRole(Actor actor, long userId, long roleId) {
    requireHeld(actor, rightsOf(actor, roleId));
    write(
        actor,
        () -> {
          Map<String, Object> user = user(actor, userId);
          Map<String, Object> role = role(actor, roleId);
          update(
              "INSERT IGNORE INTO user_role (customer_id, user_id, role_id) VALUES (?, ?, ?)",
              actor.customerId(),
              userId,
              roleId);
          return new Written<>(
              null,
              new Event(
                  "user.role-assign",
                  "user",
                  userId,
                  user.get("email") + " +role " + role.get("name")));
        });
  }

  public void unassignUserRole(Actor actor, long userId, long roleId) {
    write(
        actor,
        () -> {
          Map<String, Object> user = user(actor, userId);
          Map<String, Object> role = role(actor, roleId);
          update(
              "DELETE FROM user_role WHERE customer_id = ? AND user_id = ? AND role_id = ?",
              actor.customerId(),
              userId,
              roleId);
          return new Written<>(
              null,
              new Event(
                  "user.role-unassign",
                  "user",
                  userId,
                  user.get("email") + " -role " + role.get("name")));
        });
  }

  // Groups

  public long createGroup(Actor actor, String name, String description) {
    String n = IdentityRules.label(name, "a group");
    String d = IdentityRules.description(description);
    return write(
        actor,
        "a group named '" + n + "' already exists",
        () -> {
          long id =
              insert(
                  "INSERT INTO user_group (customer_id, name, description) VALUES (?, ?, ?)",
                  actor.customerId(),
                  n,
                  d);
          return new Written<>(id, new Event("group.create", "group", id, n));
        });
  }

  /**
   * Renames a group or changes its description: null leaves either as it is, a blank description
   * removes it.
   */
  public void updateGroup(Actor actor, long groupId, String name, String description) {
    String d = description == null ? null : IdentityRules.description(description);
    String n = name == null ? null : IdentityRules.label(name, "a group");
    write(
        actor,
        "a group named '" + n + "' already exists",
        () -> {
          Map<String, Object> group = group(actor, groupId);
          String newName = n == null ? (String) group.get("name") : n;
          update(
              "UPDATE user_group SET name = ?, description = ? WHERE id = ? AND customer_id = ?",
              newName,
              description == null ? group.get("description") : d,
              groupId,
              actor.customerId());
          return new Written<>(
              null,
              new Event(
                  "group.update",
                  "group",
                  groupId,
                  group.get("name").equals(newName)
                      ? newName
                      : group.get("name") + " → " + newName));
        });
  }

  /** Removes a group with its memberships and role assignments (its members stay). */
  public void deleteGroup(Actor actor, long groupId) {
    write(
        actor,
        () -> {
          Map<String, Object> group = group(actor, groupId);
          update(
              "DELETE FROM user_group WHERE id = ? AND customer_id = ?",
              groupId,
              actor.customerId());
          return event("group.delete", "group", groupId, group, "name");
        });
  }

  public void addMember(Actor actor, long groupId, long userId) {
    // A member gains the group's roles: the actor must hold what they grant.
    requireHeld(actor, rightsOfGroup(actor, groupId));
    write(
        actor,
        () -> {
          Map<String, Object> group = group(actor, groupId);
          Map<String, Object> user = user(actor, userId);
          update(
              "INSERT IGNORE INTO group_member (customer_id, group_id, user_id) VALUES (?, ?, ?)",
              actor.customerId(),
              groupId,
              userId);
          return new Written<>(
              null,
              new Event(
                  "group.member-add",
                  "group",
                  groupId,
                  group.get("name") + " +" + user.get("email")));
        });
  }

  public void removeMember(Actor actor, long groupId, long userId) {
    write(
        actor,
        () -> {
          Map<String, Object> group = group(actor, groupId);
          Map<String, Object> user = user(actor, userId);
          update(
              "DELETE FROM group_member WHERE customer_id = ? AND group_id = ? AND user_id = ?",
              actor.customerId(),
              groupId,
              userId);
          return new Written<>(
              null,
              new Event(
                  "group.member-remove",
                  "group",
                  groupId,
                  group.get("name") + " -" + user.get("email")));
        });
  }

  public void assignGroupRole(Actor actor, long groupId, long roleId) {
    requireHeld(actor, rightsOf(actor, roleId));
    write(
        actor,
        () -> {
          Map<String, Object> group = group(actor, groupId);
          Map<String, Object> role = role(actor, roleId);
          update(
              "INSERT IGNORE INTO group_role (customer_id, group_id, role_id) VALUES (?, ?, ?)",
              actor.customerId(),
              groupId,
              roleId);
          return new Written<>(
              null,
              new Event(
                  "group.role-assign",
                  "group",
                  groupId,
                  group.get("name") + " +role " + role.get("name")));
        });
  }

  public void unassignGroupRole(Actor actor, long groupId, long roleId) {
    write(
        actor,
        () -> {
          Map<String, Object> group = group(actor, groupId);
          Map<String, Object> role = role(actor, roleId);
          update(
              "DELETE FROM group_role WHERE customer_id = ? AND group_id = ? AND role_id = ?",
              actor.customerId(),
              groupId,
              roleId);
          return new Written<>(
              null,
              new Event(
                  "group.role-unassign",
                  "group",
                  groupId,
                  group.get("name") + " -role " + role.get("name")));
        });
  }

  // Roles

  /** A role with its rights (which may be none). */
  public long createRole(Actor actor, String name, String description, List<Right> rights) {
    String n = IdentityRules.label(name, "a role");
    String d = IdentityRules.description(description);
    requireHeld(actor, rights);
    return write(
        actor,
        "a role named '" + n + "' already exists",
        () -> {
          long id =
              insert(
                  "INSERT INTO role (customer_id, name, description) VALUES (?, ?, ?)",
                  actor.customerId(),
                  n,
                  d);
          List<String> detail = new ArrayList<>(List.of(n));
          for (Right right : rights) {
            putRight(actor, id, right);
            detail.add(right.toString());
          }
          return new Written<>(id, new Event("role.create", "role", id, String.join(", ", detail)));
        });
  }

  /**
   * Renames a role or changes its description: null leaves either as it is, a blank description
   * removes it.
   */
  public void updateRole(Actor actor, long roleId, String name, String description) {
    String d = description == null ? null : IdentityRules.description(description);
    String n = name == null ? null : IdentityRules.label(name, "a role");
    write(
        actor,
        "a role named '" + n + "' already exists",
        () -> {
          Map<String, Object> role = role(actor, roleId);
          String newName = n == null ? (String) role.get("name") : n;
          update(
              "UPDATE role SET name = ?, description = ? WHERE id = ? AND customer_id = ?",
              newName,
              description == null ? role.get("description") : d,
              roleId,
              actor.customerId());
          return new Written<>(
              null,
              new Event(
                  "role.update",
                  "role",
                  roleId,
                  role.get("name").equals(newName) ? newName : role.get("name") + " → " + newName));
        });
  }

  /** Removes a role and its rights; refused while a user or a group holds it. */
  public void deleteRole(Actor actor, long roleId) {
    write(
        actor,
        () -> {
          Map<String, Object> role = role(actor, roleId);
          long users = count("user_role", roleId, actor);
          long groups = count("group_role", roleId, actor);
          if (users + groups > 0) {
            throw new InUse(
                "role '"
                    + role.get("name")
                    + "' is held by "
                    + users
                    + " user(s) and "
                    + groups
                    + " group(s); unassign it first");
          }
          update("DELETE FROM role WHERE id = ? AND customer_id = ?", roleId, actor.customerId());
          return event("role.delete", "role", roleId, role, "name");
        });
  }

  /** Grants a right through the role, or changes the qualifier of the one it has. */
  public void addRight(Actor actor, long roleId, Right right) {
    addRights(actor, roleId, List.of(right));
  }

  /** As {@link #addRight}, for several rights at once: all or none, one audit event. */
  public void addRights(Actor actor, long roleId, List<Right> rights) {
    requireHeld(actor, rights);
    write(
        actor,
        () -> {
          Map<String, Object> role = role(actor, roleId);
          List<String> detail = new ArrayList<>();
          for (Right right : rights) {
            putRight(actor, roleId, right);
            detail.add("+" + right);
          }
          return new Written<>(
              null,
              new Event(
                  "role.right-add",
                  "role",
                  roleId,
                  role.get("name") + " " + String.join(", ", detail)));
        });
  }

  public void removeRight(Actor actor, long roleId, String resourceType, String action) {
    removeRights(actor, roleId, List.of(Right.of(resourceType, action, "ANY")));
  }

  /** Takes rights (resource type × action; the qualifier is ignored) from the role, at once. */
  public void removeRights(Actor actor, long roleId, List<Right> rights) {
    write(
        actor,
        () -> {
          Map<String, Object> role = role(actor, roleId);
          List<String> detail = new ArrayList<>();
          for (Right right : rights) {
            update(
                "DELETE FROM role_right WHERE customer_id = ? AND role_id = ?"
                    + " AND resource_type = ? AND action = ?",
                actor.customerId(),
                roleId,
                right.resourceType(),
                right.action());
            detail.add("-" + right.resourceType() + "/" + right.action());
          }
          return new Written<>(
              null,
              new Event(
                  "role.right-remove",
                  "role",
                  roleId,
                  role.get("name") + " " + String.join(", ", detail)));
        });
  }

  // Helpers

  private void putRight(Actor actor, long roleId, Right right) {
    update(
        "INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)"
            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE qualifier = VALUES(qualifier)",
        actor.customerId(),
        roleId,
        right.resourceType(),
        right.action(),
        right.qualifier());
  }

  private <T> T write(Actor actor, Supplier<Written<T>> work) {
    return write(actor, null, work);
  }

  /** The write and its event in one transaction; a unique key's refusal is a {@link Duplicate}. */
  private <T> T write(Actor actor, String duplicate, Supplier<Written<T>> work) {
    try {
      return audit.write(actor, work);
    } catch (DuplicateKeyException e) {
      throw new Duplicate(duplicate == null ? "that already exists" : duplicate);
    }
  }

  private static Written<Void> event(
      String action, String type, long id, Map<String, Object> row, String column) {
    return new Written<>(null, new Event(action, type, id, String.valueOf(row.get(column))));
  }

  private Map<String, Object> user(Actor actor, long id) {
    return one("SELECT id, email, status FROM user_account", actor, id, "user");
  }

  private Map<String, Object> group(Actor actor, long id) {
    return one("SELECT id, name, description FROM user_group", actor, id, "group");
  }

  private Map<String, Object> role(Actor actor, long id) {
    return one("SELECT id, name, description FROM role", actor, id, "role");
  }

  private Map<String, Object> one(String select, Actor actor, long id, String what) {
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
  private List<Map<String, Object>> rows(Actor actor, String table, String what, List<Long> ids) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long id : new LinkedHashSet<>(ids == null ? List.<Long>of() : ids)) {
      rows.add(one("SELECT id, name FROM " + table, actor, id, what));
    }
    return rows;
  }

  private long count(String table, long roleId, Actor actor) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE role_id = ? AND customer_id = ?")
        .params(roleId, actor.customerId())
        .query(Long.class)
        .single();
  }

  private long insert(String sql, Object... params) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(key);
    return key.getKey().longValue();
  }

  private void update(String sql, Object... params) {
    jdbc.sql(sql).params(params).update();
  }
}
