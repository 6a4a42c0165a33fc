package io.stratus.common.identity;

import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityAudit.Event;
import io.stratus.common.identity.IdentityAudit.Written;
import io.stratus.common.identity.IdentityException.InUse;
import io.stratus.common.identity.IdentityRules.Right;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The customer's roles and their rights, each write audited; no one grants what they do not hold.
 */
final class Roles extends IdentityStore {
  Roles(IdentityAudit audit) {
    super(audit);
  }

  /** A role with its rights (which may be none). */
  long createRole(Actor actor, String name, String description, List<Right> rights) {
    String n = IdentityRules.label(name, "a role");
    String d = IdentityRules.description(description);
    KnownRights.require(rights);
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
  void updateRole(Actor actor, long roleId, String name, String description) {
    updateNamed(actor, "role", "role", roleId, name, description);
  }

  /** Removes a role and its rights; refused while a user or a group holds it. */
  void deleteRole(Actor actor, long roleId) {
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
  void addRight(Actor actor, long roleId, Right right) {
    addRights(actor, roleId, List.of(right));
  }

  /** As {@link #addRight}, for several rights at once: all or none, one audit event. */
  void addRights(Actor actor, long roleId, List<Right> rights) {
    KnownRights.require(rights);
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

  void removeRight(Actor actor, long roleId, String resourceType, String action) {
    removeRights(actor, roleId, List.of(Right.of(resourceType, action, "ANY")));
  }

  /** Takes rights (resource type × action; the qualifier is ignored) from the role, at once. */
  void removeRights(Actor actor, long roleId, List<Right> rights) {
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
}
