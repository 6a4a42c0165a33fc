package io.stratus.common.identity;

import io.stratus.common.access.AccessRefused;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityAudit.Event;
import io.stratus.common.identity.IdentityAudit.Written;
import io.stratus.common.identity.IdentityException.Duplicate;
import io.stratus.common.identity.IdentityException.Invalid;
import io.stratus.common.identity.IdentityException.NotFound;
import io.stratus.common.identity.IdentityRules.Right;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

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
public final class People extends IdentityStore {
  private final Groups groups;
  private final Roles roles;

  public People(DataSource primary) {
    this(new IdentityAudit(primary));
  }

  public People(IdentityAudit audit) {
    super(audit);
    this.groups = new Groups(audit);
    this.roles = new Roles(audit);
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

  /**
   * A user with a random first password, in the groups and holding the roles given; it must choose
   * its own at its first sign-in.
   */
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
                      "INSERT INTO user_account (customer_id, email, display_name, password_hash,"
                          + " password_must_change) VALUES (?, ?, ?, ?, TRUE)",
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

  /** Changes a user's display name; blank means its e-mail address. */
  public void renameUser(Actor actor, long userId, String displayName) {
    write(
        actor,
        () -> {
          Map<String, Object> user =
              one("SELECT id, email, display_name FROM user_account", actor, userId, "user");
          String email = (String) user.get("email");
          String name = IdentityRules.displayName(displayName, email);
          update(
              "UPDATE user_account SET display_name = ? WHERE id = ? AND customer_id = ?",
              name,
              userId,
              actor.customerId());
          return new Written<>(
              null,
              new Event(
                  "user.update",
                  "user",
                  userId,
                  email + ": " + user.get("display_name") + " → " + name));
        });
  }

  /** What deleting a user takes with it: its API keys, group memberships and roles of its own. */
  public record UserHoldings(long apiKeys, long groups, long roles) {}

  /** The API keys (active or not), group memberships and roles of the customer's user. */
  public UserHoldings holdings(Actor actor, long userId) {
    user(actor, userId);
    return new UserHoldings(
        countOf("api_key", userId, actor),
        countOf("group_member", userId, actor),
        countOf("user_role", userId, actor));
  }

  /**
   * Deletes a user with its API keys, group memberships and roles of its own (their rows go with
   * it); what it launched stays, and the audit log keeps what it did. Its sessions are the caller's
   * to end. Nobody deletes themselves.
   */
  public void deleteUser(Actor actor, long userId) {
    if (userId == actor.userId()) {
      throw new Invalid("you cannot delete yourself");
    }
    write(
        actor,
        () -> {
          Map<String, Object> user = user(actor, userId);
          UserHoldings held = holdings(actor, userId);
          update(
              "DELETE FROM user_account WHERE id = ? AND customer_id = ?",
              userId,
              actor.customerId());
          return new Written<>(
              null,
              new Event(
                  "user.delete",
                  "user",
                  userId,
                  user.get("email")
                      + " with "
                      + held.apiKeys()
                      + " API key(s), "
                      + held.groups()
                      + " group membership(s), "
                      + held.roles()
                      + " role(s)"));
        });
  }

  private long countOf(String table, long userId, Actor actor) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE user_id = ? AND customer_id = ?")
        .params(userId, actor.customerId())
        .query(Long.class)
        .single();
  }

  /**
   * A new random password for the user, returned to be shown once; the user must choose its own at
   * its next sign-in.
   */
  public String resetPassword(Actor actor, long userId) {
    String password = Passwords.random();
    String hash = Passwords.hash(password);
    write(
        actor,
        () -> {
          Map<String, Object> user = user(actor, userId);
          update(
              "UPDATE user_account SET password_hash = ?, password_must_change = TRUE,"
                  + " failed_logins = 0, locked_until = NULL WHERE id = ? AND customer_id = ?",
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
              "UPDATE user_account SET password_hash = ?, password_must_change = FALSE"
                  + " WHERE id = ? AND customer_id = ?",
              newHash,
              actor.userId(),
              actor.customerId());
          return new Written<>(
              null, new Event("user.password-change", "user", actor.userId(), actor.email()));
        });
  }

  public void assignUserRole(Actor actor, long userId, long roleId) {
    requireHeld(actor, rightsOf(actor, roleId));
    relink(
        actor,
        Link.USER_ROLE,
        true,
        userId,
        roleId,
        () -> email(actor, userId),
        () -> roleName(actor, roleId));
  }

  public void unassignUserRole(Actor actor, long userId, long roleId) {
    relink(
        actor,
        Link.USER_ROLE,
        false,
        userId,
        roleId,
        () -> email(actor, userId),
        () -> roleName(actor, roleId));
  }

  // Groups (Groups)

  public long createGroup(Actor actor, String name, String description) {
    return groups.createGroup(actor, name, description);
  }

  /**
   * Renames a group or changes its description: null leaves either as it is, a blank description
   * removes it.
   */
  public void updateGroup(Actor actor, long groupId, String name, String description) {
    groups.updateGroup(actor, groupId, name, description);
  }

  /** Removes a group with its memberships and role assignments (its members stay). */
  public void deleteGroup(Actor actor, long groupId) {
    groups.deleteGroup(actor, groupId);
  }

  public void addMember(Actor actor, long groupId, long userId) {
    groups.addMember(actor, groupId, userId);
  }

  public void removeMember(Actor actor, long groupId, long userId) {
    groups.removeMember(actor, groupId, userId);
  }

  public void assignGroupRole(Actor actor, long groupId, long roleId) {
    groups.assignGroupRole(actor, groupId, roleId);
  }

  public void unassignGroupRole(Actor actor, long groupId, long roleId) {
    groups.unassignGroupRole(actor, groupId, roleId);
  }

  // Roles (Roles)

  /** A role with its rights (which may be none). */
  public long createRole(Actor actor, String name, String description, List<Right> rights) {
    return roles.createRole(actor, name, description, rights);
  }

  /**
   * Renames a role or changes its description: null leaves either as it is, a blank description
   * removes it.
   */
  public void updateRole(Actor actor, long roleId, String name, String description) {
    roles.updateRole(actor, roleId, name, description);
  }

  /** Removes a role and its rights; refused while a user or a group holds it. */
  public void deleteRole(Actor actor, long roleId) {
    roles.deleteRole(actor, roleId);
  }

  /** Grants a right through the role, or changes the qualifier of the one it has. */
  public void addRight(Actor actor, long roleId, Right right) {
    roles.addRight(actor, roleId, right);
  }

  /** As {@link #addRight}, for several rights at once: all or none, one audit event. */
  public void addRights(Actor actor, long roleId, List<Right> rights) {
    roles.addRights(actor, roleId, rights);
  }

  public void removeRight(Actor actor, long roleId, String resourceType, String action) {
    roles.removeRight(actor, roleId, resourceType, action);
  }

  /** Takes rights (resource type × action; the qualifier is ignored) from the role, at once. */
  public void removeRights(Actor actor, long roleId, List<Right> rights) {
    roles.removeRights(actor, roleId, rights);
  }
}
