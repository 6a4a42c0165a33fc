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
    updateNamed(actor, "user_group", "group", groupId, name, description);
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
    relink(
        actor,
        Link.GROUP_MEMBER,
        true,
        groupId,
        userId,
        () -> groupName(actor, groupId),
        () -> email(actor, userId));
  }

  void removeMember(Actor actor, long groupId, long userId) {
    relink(
        actor,
        Link.GROUP_MEMBER,
        false,
        groupId,
        userId,
        () -> groupName(actor, groupId),
        () -> email(actor, userId));
  }

  void assignGroupRole(Actor actor, long groupId, long roleId) {
    requireHeld(actor, rightsOf(actor, roleId));
    relink(
        actor,
        Link.GROUP_ROLE,
        true,
        groupId,
        roleId,
        () -> groupName(actor, groupId),
        () -> roleName(actor, roleId));
  }

  void unassignGroupRole(Actor actor, long groupId, long roleId) {
    relink(
        actor,
        Link.GROUP_ROLE,
        false,
        groupId,
        roleId,
        () -> groupName(actor, groupId),
        () -> roleName(actor, roleId));
  }
}
