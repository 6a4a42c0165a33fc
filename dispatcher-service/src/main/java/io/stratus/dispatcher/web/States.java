package io.stratus.dispatcher.web;

import java.util.Arrays;
import java.util.Map;

/**
 * The state check every action makes: a resource in the wrong state is a 409 that says why, in
 * words ("server 5 is stopped; it can be rebooted only when running"), so {@code verb} is what the
 * action does to it as a past participle ("started", "attached", "sent a script").
 */
public final class States {
  private States() {}

  public static void require(Map<String, Object> row, String what, String verb, String... allowed) {
    String state = (String) row.get("state");
    if (Arrays.asList(allowed).contains(state)) {
      return;
    }
    throw DispatchException.conflict(
        what
            + " "
            + row.get("id")
            + " is "
            + state
            + "; it can be "
            + verb
            + " only when "
            + String.join(" or ", allowed));
  }
}
