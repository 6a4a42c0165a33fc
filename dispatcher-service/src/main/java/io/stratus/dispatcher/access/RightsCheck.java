package io.stratus.dispatcher.access;

import io.stratus.common.access.Access;
import io.stratus.common.access.AccessLoader;
import io.stratus.common.access.AccessRefused;
import io.stratus.common.access.Qualifier;
import io.stratus.dispatcher.action.Resources;
import java.util.Map;

/**
 * Checks the acting user's right for a route, with the rights model the console and the API use
 * ({@link AccessLoader}, read afresh per call, so a revoked right takes effect at once).
 */
public final class RightsCheck {
  private final AccessLoader loader;
  private final Resources resources;

  public RightsCheck(AccessLoader loader, Resources resources) {
    this.loader = loader;
    this.resources = resources;
  }

  /**
   * The user's rights, checked for {@code requires}.
   *
   * @param pathId the path's {@code {id}} when the route is {@link Requires#owned()}
   * @throws AccessRefused (403) when no role grants the right, or its qualifier does not reach the
   *     resource
   * @throws io.stratus.dispatcher.web.DispatchException 404 for a resource that is not the
   *     customer's
   */
  public Access check(Requires requires, long customerId, long userId, Long pathId) {
    Access access = loader.load(customerId, userId);
    Qualifier granted = access.require(requires.resource(), requires.action());
    if (requires.owned() && granted != Qualifier.ANY) {
      Map<String, Object> row = resources.owned(requires.resource(), customerId, pathId);
      access.requireOn(
          requires.resource(),
          requires.action(),
          id(row, "owner_user_id"),
          id(row, "owner_group_id"));
    }
    return access;
  }

  private static Long id(Map<String, Object> row, String column) {
    return row.get(column) instanceof Number n ? n.longValue() : null;
  }
}
