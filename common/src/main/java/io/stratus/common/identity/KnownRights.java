package io.stratus.common.identity;

import io.stratus.common.identity.IdentityException.Invalid;
import io.stratus.common.identity.IdentityRules.Right;
import java.util.List;

/**
 * The resource types and actions a right can name: those the console, the API and the Dispatcher
 * check (plus {@code *} for every one). The console's role form offers exactly these, and a right
 * naming anything else is refused wherever it is given (console, API, {@link People}), so a typo
 * such as {@code bogus/fly} is never saved as a right that grants nothing. A resource type or
 * action checked anywhere must be added here.
 */
public final class KnownRights {
  public static final List<String> RESOURCES =
      List.of(
          "*",
          "account",
          "cloud",
          "region",
          "data_center",
          "server",
          "server_product",
          "machine_image",
          "volume",
          "volume_product",
          "snapshot",
          "ip_address",
          "firewall",
          "job",
          "customer",
          "user",
          "group",
          "role",
          "api_key",
          "audit_event");

  public static final List<String> ACTIONS =
      List.of(
          "*",
          "read",
          "create",
          "update",
          "remove",
          "launch",
          "start",
          "stop",
          "reboot",
          "terminate",
          "script",
          "capture",
          "attach",
          "detach",
          "assign",
          "unassign",
          "manage");

  private KnownRights() {}

  /** Why {@code resourceType}/{@code action} is not a right one can give, or null when it is. */
  public static String problem(String resourceType, String action) {
    if (!RESOURCES.contains(resourceType)) {
      return "'" + shown(resourceType) + "' is not a resource type rights are given on";
    }
    if (!ACTIONS.contains(action)) {
      return "'" + shown(action) + "' is not an action rights are given for";
    }
    return null;
  }

  /**
   * Refuses the first right naming a resource type or action nobody checks.
   *
   * @throws Invalid naming the unknown resource type or action
   */
  static void require(List<Right> rights) {
    for (Right right : rights) {
      String problem = problem(right.resourceType(), right.action());
      if (problem != null) {
        throw new Invalid(problem);
      }
    }
  }

  /** The value as typed, cut short and kept to printable characters for the message. */
  private static String shown(String value) {
    String v = value == null ? "" : value.replaceAll("[^\\p{Print}]", "?");
    return v.length() > 64 ? v.substring(0, 64) + "…" : v;
  }
}
