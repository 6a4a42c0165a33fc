package io.stratus.api.access;

import io.stratus.api.auth.Principal;
import io.stratus.api.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the caller may do: its rights (resource type × action → the widest qualifier granted by any
 * of its roles, directly or through its groups) and its groups. A right on resource {@code *} or
 * action {@code *} covers every resource or action.
 *
 * <p>Every controller asks before it reads or acts: {@link #require} refuses with 403 what no role
 * grants; {@link #owns} checks one resource's owner against the qualifier; {@link #filter} narrows
 * a listing to what the qualifier reaches.
 */
public final class Access {
  private final Principal principal;
  private final Map<String, Qualifier> rights;
  private final Set<Long> groups;

  public Access(Principal principal, Map<String, Qualifier> rights, Set<Long> groups) {
    this.principal = principal;
    this.rights = Map.copyOf(rights);
    this.groups = Set.copyOf(groups);
  }

  public Principal principal() {
    return principal;
  }

  public long customerId() {
    return principal.customerId();
  }

  public long userId() {
    return principal.userId();
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
   * @throws ApiException 403 when no role grants the action on the resource type
   */
  public Qualifier require(String resource, String action) {
    Qualifier q = qualifier(resource, action);
    if (q == null) {
      throw ApiException.forbidden("you may not " + action + " " + resource + " resources");
    }
    return q;
  }

  /**
   * Checks the action on one resource, given its owning user and group (either may be null).
   *
   * @throws ApiException 403 when the qualifier does not reach the resource
   */
  public void requireOn(String resource, String action, Long ownerUser, Long ownerGroup) {
    Qualifier q = require(resource, action);
    if (!owns(q, ownerUser, ownerGroup)) {
      throw ApiException.forbidden(
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
