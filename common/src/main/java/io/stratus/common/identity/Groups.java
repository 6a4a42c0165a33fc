package io.stratus.common.identity;

import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityAudit.Event;
import io.stratus.common.identity.IdentityAudit.Written;
import java.util.Map;

/**
 * The customer's groups: made, renamed, deleted; their members and their roles, each write audited.
 */
final class Groups extends IdentityStore {
  Groups(IdentityAudit audit) {
    super(audit);
  }

  long createGroup(Actor actor, String name, String description) {
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
  void updateGroup(Actor actor, long groupId, String name, String description) {
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
  void deleteGroup(Actor actor, long groupId) {
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

  void addMember(Actor actor, long groupId, long userId) {
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

  void removeMember(Actor actor, long groupId, long userId) {
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

  void assignGroupRole(Actor actor, long groupId, long roleId) {
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

  void unassignGroupRole(Actor actor, long groupId, long roleId) {
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
}
