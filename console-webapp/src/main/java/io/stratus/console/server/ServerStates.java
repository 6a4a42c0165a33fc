package io.stratus.console.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In which states each server action is offered: the same rules the Dispatcher enforces, so a page
 * does not offer what would be refused.
 */
final class ServerStates {
  static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "start", Set.of("stopped"),
          "stop", Set.of("running"),
          "reboot", Set.of("running"),
          "terminate", Set.of("pending", "running", "stopping", "stopped", "rebooting"));

  /** The order the buttons appear in. */
  static final List<String> ACTIONS = List.of("start", "stop", "reboot", "terminate");

  private ServerStates() {}

  static boolean allows(String action, Object state) {
    return ALLOWED.getOrDefault(action, Set.of()).contains(String.valueOf(state));
  }
}
