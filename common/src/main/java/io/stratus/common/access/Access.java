package io.stratus.common.access;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user may do, the same for the console and the API: its rights (resource type × action →
 * the widest qualifier granted by any of its roles, directly or through its groups) and its groups.
 * A right on resource {@code *} or action {@code *} covers every resource or action.
 *
 * <p>Every controller asks before it reads or acts: {@link #require} refuses what no role grants
 * ({@link AccessRefused}, a 403 to the caller); {@link #owns} checks one resource's owner against
 * the qualifier; {@link #filter} narrows a listing to what the qualifier reaches.
 */
public final class Access {
  private final long customerId;
  private final long userId;
  private final Map<String, Qualifier> rights;
  private final Set<Long> groups;

  public Access(long customerId, long userId, Map<String, Qualifier> rights, Set<Long> groups) {
    this.customerId = customerId;
    this.userId = userId;
    this.rights = Map.copyOf(rights);
    this.groups = Set.copyOf(groups);
  }

  public long customerId() {
    return customerId;
  }

  public long userId() {
    return userId;
  }

  /** Whether any role grants the action on the resource type (what a page may offer). */
  public boolean may(String resource, String action) {
    return qualifier(resource, action) != null;
  }

  /** The widest qualifier granted for the action on the resource type, or null. */
  public Qualifier qualifier(String resource, String action) {
    Qualifier best = null;
    for (String key : List.of(resource + "/" + action, resource + "/*", "*/" + action, "*/*")) {
      Qualifier q = rights.get(key);
      if (q != null) {
        best = q.or(best);
      }
    }
    return best;
  }

  /**
   * @throws AccessRefused when no role grants the action on the resource type
   */
  public Qualifier require(String resource, String action) {
    Qualifier q = qualifier(resource, action);
    if (q == null) {
      throw new AccessRefused("you may not " + action + " " + resource + " resources");
    }
    return q;
  }

  /**
   * Checks the action on one resource, given its owning user and group (either may be null).
   *
   * @throws AccessRefused when the qualifier does not reach the resource
   */
  public void requireOn(String resource, String action, Long ownerUser, Long ownerGroup) {
    Qualifier q = require(resource, action);
    if (!owns(q, ownerUser, ownerGroup)) {
      throw new AccessRefused(
          "you may " + action + " only " + describe(q) + " " + resource + " resources");
    }
  }

  /** Whether a qualifier reaches a resource owned by this user and group. */
  public boolean owns(Qualifier q, Long ownerUser, Long ownerGroup) {
    return switch (q) {
      case ANY -> true;
      case MINE -> ownerUser != null && ownerUser == userId();
      case GROUP ->
          (ownerUser != null && ownerUser == userId())
              || (ownerGroup != null && groups.contains(ownerGroup));
    };
  }

  /**
   * The SQL condition (with a leading {@code AND}) narrowing a listing of an owned resource to what
   * the qualifier reaches; uses the named parameters {@code :accessUser} and {@code :accessGroups}
   * (see {@link #parameters}).
   */
  public String filter(Qualifier q, String alias) {
    String p = alias.isEmpty() ? "" : alias + ".";
    return switch (q) {
      case ANY -> "";
      case MINE -> " AND " + p + "owner_user_id = :accessUser";
      case GROUP ->
          groups.isEmpty()
              ? " AND " + p + "owner_user_id = :accessUser"
              : " AND ("
                  + p
                  + "owner_user_id = :accessUser OR "
                  + p
                  + "owner_group_id IN (:accessGroups))";
    };
  }

  /**
   * As {@link #filter}, for a resource owned by a user only (no owning group): GROUP reaches the
   * user's own, like MINE.
   */
  public String userFilter(Qualifier q, String alias) {
    String p = alias.isEmpty() ? "" : alias + ".";
    return q == Qualifier.ANY ? "" : " AND " + p + "owner_user_id = :accessUser";
  }

  /** The named parameters {@link #filter} uses. */
  public Map<String, Object> parameters() {
    return Map.of("accessUser", userId(), "accessGroups", groups.isEmpty() ? List.of(-1L) : groups);
  }

  private static String describe(Qualifier q) {
    return q == Qualifier.MINE ? "your own" : "your groups'";
  }
}
